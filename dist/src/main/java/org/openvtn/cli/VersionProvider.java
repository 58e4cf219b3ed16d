package org.openvtn.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (Implementation-Version). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = OpenVtn.class.getPackage().getImplementationVersion();
        return new String[] {"openvtn " + (v == null ? "(development build)" : v)};
    }
}
