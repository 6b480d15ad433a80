#!/usr/bin/env bash
# Builds the base file system of CygnetCI's images into <out>/rootfs, from this machine's packages only (no
# registry is needed): a Java runtime linked with jlink from the build's JDK, the C libraries it loads, BusyBox as
# /bin/sh (with its tools built in) for probes and the runner's job steps, a non-root user (10001) and the CA certificates.
# Jib layers each application on top of it (the `images` Maven profile). Needs: a JDK with jmods (JAVA_HOME or the
# one on the PATH), ldd, and busybox-static (Debian: apt-get install busybox-static).
set -euo pipefail

out=${1:?usage: build-base.sh <out-dir>}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "build-base.sh: needs a static busybox (Debian: apt-get install busybox-static)" >&2
  exit 1
fi

rootfs="$out/rootfs"
stamp="$out/.inputs"
inputs="$(sha256sum "$0" | cut -d' ' -f1) $(readlink -f "$java_home") $(sha256sum "$busybox" | cut -d' ' -f1)"
if [ -d "$rootfs" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
  echo "image base up to date: $rootfs"
  exit 0
fi
rm -rf "$rootfs"
mkdir -p "$rootfs"/{bin,etc,lib64,opt,tmp,work,proc,sys,dev} "$rootfs/lib/x86_64-linux-gnu" "$rootfs/etc/ssl/certs"

# the Java runtime: what Spring Boot, Netty, Kafka's client and the JDK's diagnostics need
"$java_home/bin/jlink" --module-path "$java_home/jmods" --output "$rootfs/opt/java" \
  --add-modules java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.httpserver,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=2
# no display, no sound: the X11, splash screen and sound libraries would pull a desktop's libraries in
rm -f "$rootfs"/opt/java/lib/{libawt_xawt.so,libsplashscreen.so,libjsound.so,libjawt.so}
# the JDK's trust store (Debian links it to the system's): a real file in the image
cacerts=$(readlink -f "$java_home/lib/security/cacerts")
rm -f "$rootfs/opt/java/lib/security/cacerts"
cp "$cacerts" "$rootfs/opt/java/lib/security/cacerts"
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"

# every shared library the runtime loads, with the dynamic loader
find "$rootfs/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 ldd 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
      case "$lib" in "$rootfs"*) continue ;; esac
      target="$rootfs/lib/x86_64-linux-gnu/$(basename "$lib")"
      [ -e "$target" ] || cp -L "$lib" "$target"
    done
cp -L /lib64/ld-linux-x86-64.so.2 "$rootfs/lib64/"

# a shell with the usual tools built in (BusyBox's standalone shell runs its applets itself, so no links are
# needed): for probes and the runner's job steps
cp "$busybox" "$rootfs/bin/sh"

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
cygnetci:x:10001:10001:CygnetCI:/work:/bin/sh
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
cygnetci:x:10001:
GROUP
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp"
echo "$inputs" > "$stamp"
echo "image base built: $rootfs ($(du -sh "$rootfs" | cut -f1))"
