package org.openvtn.cli.bench;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue #18's method: the server's CPU time per answered request, here read from {@code /proc/<pid>/stat} the way
 * the nginx baseline is measured (utime + stime of the process and its children).
 */
class ServerCpuTest {
    @Test
    void readsTheCpuTimeOfAProcessFromProc() {
        Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/stat")),
                "needs Linux /proc");
        ServerCpu cpu = ServerCpu.of(null, List.of(ProcessHandle.current().pid()));
        cpu.start();
        long x = 0;
        long until = System.nanoTime() + 300_000_000L; // burn CPU: /proc counts it in 10 ms ticks
        while (System.nanoTime() < until) {
            x += Long.numberOfTrailingZeros(System.nanoTime());
        }
        cpu.end();
        String line = cpu.perRequest(1000);
        assertTrue(line.matches("server CPU per request: [0-9.]+ ms .*/proc of pids.*") && x >= 0, line);
        assertTrue(!line.startsWith("server CPU per request: 0.0000"), line);
    }

    @Test
    void refusesAnUnknownPidAndNeedsASource() {
        Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self")), "needs Linux /proc");
        assertThrows(IllegalArgumentException.class, () -> ServerCpu.of(null, List.of(Long.MAX_VALUE)));
        assertNull(ServerCpu.of(null, List.of()));
    }
}
