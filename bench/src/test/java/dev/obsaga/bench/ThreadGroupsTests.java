package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadGroupsTests {

    @Test
    void namesTheGroupsFromLinuxsCutThreadNames() {
        assertEquals(ThreadGroups.EVENT_LOOPS, ThreadGroups.of("vert.x-eventloo"));
        assertEquals(ThreadGroups.WORKERS, ThreadGroups.of("executor-thread"));
        assertEquals(ThreadGroups.C1, ThreadGroups.of("C1 CompilerThre"));
        assertEquals(ThreadGroups.C2, ThreadGroups.of("C2 CompilerThre"));
        assertEquals(ThreadGroups.GC, ThreadGroups.of("GC Thread#0"));
        assertEquals(ThreadGroups.GC, ThreadGroups.of("G1 Conc#0"));
        assertEquals(ThreadGroups.VM, ThreadGroups.of("VM Thread"));
        assertEquals(ThreadGroups.OTHER, ThreadGroups.of("java"));
        assertEquals(ThreadGroups.OTEL, ThreadGroups.of("BatchSpanProces"));
        assertEquals(ThreadGroups.OTHER, ThreadGroups.of("Signal Dispatch"));
    }

    @Test
    void onlyTheTwoCompilersAreCompilers() {
        assertTrue(ThreadGroups.isCompiler(ThreadGroups.C1));
        assertTrue(ThreadGroups.isCompiler(ThreadGroups.C2));
        assertFalse(ThreadGroups.isCompiler(ThreadGroups.GC));
    }

    @Test
    void theBrokerIsNotARabbitmqctlCall() {
        assertTrue(Infrastructure.isBrokerCommand("/usr/lib/erlang/erts/bin/beam.smp -W w -- -root /usr/lib/erlang"
                + " -boot start_sasl -s rabbit boot"));
        assertFalse(Infrastructure.isBrokerCommand("beam.smp -- -root /usr/lib/erlang -s rabbitmqctl_escript"
                + " -extra /usr/lib/rabbitmq/bin/rabbitmqctl add_vhost x"));
        assertFalse(Infrastructure.isBrokerCommand("beam.smp -- -root /usr/lib/erlang -noshell"));
    }
}
