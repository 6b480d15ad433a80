package io.cygnetci.monitoring.check.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGuardTests {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    private static final TargetGuard.Resolver LITERALS = host -> new InetAddress[] {ip(host)};

    @Test
    void whenAnAddressIsInternalThenItIsRefusedNamingWhy() {
        TargetGuard guard = new TargetGuard(List.of(), LITERALS);
        assertThatThrownBy(() -> guard.vetNow("127.0.0.1")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.vetNow("::1")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.vetNow("169.254.169.254")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.vetNow("fe80::1")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.vetNow("10.1.2.3")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.vetNow("172.16.0.1")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.vetNow("192.168.0.1")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.vetNow("100.64.0.1")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.vetNow("fd00:ec2::254")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.vetNow("::ffff:10.0.0.1")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.vetNow("0.0.0.0")).hasMessageContaining("unspecified");
        assertThatThrownBy(() -> guard.vetNow("224.0.0.1")).hasMessageContaining("multicast");
        assertThatThrownBy(() -> guard.vetNow("[::1]")).hasMessageContaining("loopback");
    }

    @Test
    void whenAnAddressIsPublicThenItIsTheAddressToConnectTo() {
        TargetGuard guard = new TargetGuard(List.of(), LITERALS);
        assertThat(guard.vetNow("93.184.215.14")).isEqualTo(ip("93.184.215.14"));
        assertThat(guard.vetNow("2606:2800:21f:cb07:6820:80da:af6b:8b2c")).isNotNull();
    }

    @Test
    void whenTheOperatorAllowsANetworkOrAHostThenOnlyThoseAreReachable() {
        TargetGuard guard = new TargetGuard(List.of("127.0.0.0/8", "10.20.0.0/16", "db.internal"),
                host -> host.equals("db.internal") ? new InetAddress[] {ip("10.99.0.5")} : new InetAddress[] {ip(host)});
        assertThat(guard.vetNow("127.0.0.1")).isEqualTo(ip("127.0.0.1"));
        assertThat(guard.vetNow("10.20.3.4")).isEqualTo(ip("10.20.3.4"));
        assertThat(guard.vetNow("db.internal")).isEqualTo(ip("10.99.0.5"));
        assertThatThrownBy(() -> guard.vetNow("10.21.0.1")).isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> guard.vetNow("169.254.169.254")).isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void whenAHostResolvesToAnyInternalAddressThenItIsRefused() {
        TargetGuard guard = new TargetGuard(List.of(), host -> new InetAddress[] {ip("93.184.215.14"),
                ip("10.0.0.1")});
        assertThatThrownBy(() -> guard.vetNow("mixed.example")).hasMessageContaining("private");
    }

    @Test
    void whenDnsAnswersDifferentlyOnALaterRunThenThatRunIsRefused() {
        Deque<InetAddress> answers = new ArrayDeque<>(List.of(ip("93.184.215.14"), ip("169.254.169.254")));
        TargetGuard guard = new TargetGuard(List.of(), host -> new InetAddress[] {answers.pop()});
        assertThat(guard.vetNow("rebinding.example")).isEqualTo(ip("93.184.215.14"));
        assertThatThrownBy(() -> guard.vetNow("rebinding.example")).isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("link-local");
    }

    @Test
    void whenAHostDoesNotResolveThenItIsRefused() {
        TargetGuard guard = new TargetGuard(List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.vetNow("nowhere.invalid")).hasMessageContaining("does not resolve");
    }
}
