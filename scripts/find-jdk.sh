# Sourced by ./strangler, ./mvnw and .ci/run (POSIX sh): points JAVA_HOME at a JDK 21 or newer.
# Order: $JAVA_HOME, then the JDKs under /usr/lib/jvm and /opt (newest first), then `java` on PATH.

java_major() {
    # the feature version of the java at $1 (17, 21, 25, ...), or nothing
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jdk_ok() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    _strangler_major=$(java_major "$1/bin/java")
    [ -n "$_strangler_major" ] && [ "$_strangler_major" -ge 21 ]
}

find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
        return 0
    fi
    _strangler_path_java=""
    if command -v java >/dev/null 2>&1; then
        _strangler_path_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    fi
    # the caller may run with globbing off (mvnw uses set -f)
    # ls fails on a pattern that matches nothing; that must not end a caller running with set -e -o pipefail
    _strangler_jdks=$(set +f; { ls -d /usr/lib/jvm/*/ /opt/*jdk*/ /opt/java/*/ 2>/dev/null || true; } | sort -rV)
    for _strangler_candidate in $_strangler_jdks "$_strangler_path_java"; do
        _strangler_candidate=${_strangler_candidate%/}
        [ -n "$_strangler_candidate" ] || continue
        if jdk_ok "$_strangler_candidate"; then
            if [ -n "${JAVA_HOME:-}" ]; then
                echo "note: JAVA_HOME ($JAVA_HOME) is not a JDK 21+; using $_strangler_candidate" >&2
            fi
            JAVA_HOME=$_strangler_candidate
            export JAVA_HOME
            return 0
        fi
    done
    echo "error: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt and java on PATH)." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or point JAVA_HOME to it." >&2
    return 1
}
