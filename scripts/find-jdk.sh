# Sourced by ./strangler and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: $JAVA_HOME, then the JDKs under /usr/lib/jvm and /opt (newest first), then `java` on PATH.

java_major() {
    # prints the feature version of the java at $1 (e.g. 17, 21, 25), or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
    local candidates=() candidate major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for candidate in $(ls -d /usr/lib/jvm/*/ /opt/*jdk*/ /opt/java/*/ 2>/dev/null | sort -rV); do
        candidates+=("${candidate%/}")
    done
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "error: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt and java on PATH)." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or point JAVA_HOME to it." >&2
    return 1
}
