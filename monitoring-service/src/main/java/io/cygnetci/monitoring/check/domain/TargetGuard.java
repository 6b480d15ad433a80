package io.cygnetci.monitoring.check.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Guards against server-side request forgery: a check may only reach a host whose every address is public, unless
 * the operator's allow-list names the host or a network holding the address. The host is resolved again before
 * every run and the check connects to the address that was vetted, so DNS that answers differently later (DNS
 * rebinding) cannot turn a check toward the platform's own network.
 */
public class TargetGuard {

    private final List<Network> allowedNetworks = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();
    private final Resolver resolver;

    /** Resolves a host name to all its addresses (the JDK's resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** @param allowed CIDRs ({@code 127.0.0.0/8}, {@code ::1/128}) or host names checks may reach regardless */
    public TargetGuard(List<String> allowed, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allowed) {
            if (entry.contains("/")) {
                allowedNetworks.add(Network.parse(entry));
            }
            else {
                allowedHosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * The address to connect to, vetted; on a blocking-capable thread, since resolving may block. Errors with
     * {@link TargetRefusedException} when the host does not resolve or resolves to an address checks may not reach.
     */
    public Mono<InetAddress> vet(String host) {
        return Mono.fromCallable(() -> vetNow(host)).subscribeOn(Schedulers.boundedElastic());
    }

    InetAddress vetNow(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        }
        catch (UnknownHostException ex) {
            throw new TargetRefusedException("the host " + name + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new TargetRefusedException("the host " + name + " does not resolve");
        }
        boolean hostAllowed = allowedHosts.contains(name.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            String internal = internalKind(address);
            if (internal != null && !hostAllowed && allowedNetworks.stream().noneMatch(n -> n.contains(address))) {
                throw new TargetRefusedException("the host " + name + " resolves to a " + internal
                        + " address, which health checks may not reach");
            }
        }
        return addresses[0];
    }

    /** Why an address is internal ("loopback", "private", ...), or null for a public address. */
    static String internalKind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedOrCompatibleV4(b)) {
                try {
                    return internalKind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                }
                catch (UnknownHostException ex) {
                    return "reserved";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "private"; // fc00::/7 unique local, e.g. fd00:ec2::254 (a cloud metadata address)
            }
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local"; // includes 169.254.169.254, the metadata address of most clouds
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address) {
            int a = address.getAddress()[0] & 0xff;
            int b = address.getAddress()[1] & 0xff;
            if (a == 0 || a >= 240) {
                return "reserved";
            }
            if (a == 100 && b >= 64 && b <= 127) {
                return "private"; // 100.64.0.0/10, carrier-grade NAT
            }
            if (a == 198 && (b == 18 || b == 19)) {
                return "reserved"; // 198.18.0.0/15, benchmarking
            }
            if (a == 192 && b == 0 && (address.getAddress()[2] & 0xff) == 0) {
                return "reserved"; // 192.0.0.0/24, protocol assignments
            }
        }
        return null;
    }

    private static boolean isMappedOrCompatibleV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        return mapped || compatible;
    }

    /** A network in CIDR notation. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                int bits = Integer.parseInt(cidr.substring(slash + 1));
                if (bits < 0 || bits > prefix.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + cidr);
                }
                return new Network(prefix, bits);
            }
            catch (UnknownHostException | NumberFormatException ex) {
                throw new IllegalArgumentException("not a CIDR: " + cidr, ex);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
