package dev.codepulse.streams.internals;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceClocksTest {
    private KeyValueStore<Integer, SourceClocks.Clock> store;

    @BeforeEach
    void createStore() {
        store =
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("clocks"),
                                Serdes.Integer(),
                                SourceClocks.serde())
                        .withLoggingDisabled()
                        .build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void shouldFollowSlowestPartition() {
        SourceClocks clocks = new SourceClocks(store, 2);

        clocks.progress(0, 100, false);
        clocks.progress(1, 50, false);
        long afterBoth = clocks.streamTimeMs();
        clocks.progress(1, 200, false);

        assertThat(afterBoth).isEqualTo(50);
        assertThat(clocks.streamTimeMs()).isEqualTo(100);
    }

    @Test
    void shouldWaitForPartitionNotHeardFrom() {
        SourceClocks clocks = new SourceClocks(store, 2);

        clocks.progress(0, 100, false);

        assertThat(clocks.streamTimeMs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldIgnoreIdlePartitionUntilItSendsAgain() {
        SourceClocks clocks = new SourceClocks(store, 2);
        clocks.progress(0, 100, false);

        clocks.progress(1, 20, true);
        long whileIdle = clocks.streamTimeMs();
        clocks.progress(1, 30, false);
        clocks.progress(0, 300, false);

        assertThat(whileIdle).isEqualTo(100);
        assertThat(clocks.streamTimeMs()).isEqualTo(100);
    }

    @Test
    void shouldKeepPartitionClockAtItsLargestTime() {
        SourceClocks clocks = new SourceClocks(store, 2);
        clocks.progress(0, 100, false);
        clocks.progress(1, 40, false);

        clocks.progress(1, 150, false);
        clocks.progress(1, 120, false);

        assertThat(clocks.streamTimeMs()).isEqualTo(100);
    }

    @Test
    void shouldRestoreExactlyFromStore() {
        SourceClocks clocks = new SourceClocks(store, 2);
        clocks.progress(0, 100, false);
        clocks.progress(1, 20, true);
        clocks.progress(1, 30, false);

        SourceClocks restored = new SourceClocks(store, 2);
        restored.progress(0, 400, false);

        assertThat(restored.streamTimeMs()).isEqualTo(100);
    }

    @Test
    void shouldGrowWhenPartitionIsAdded() {
        SourceClocks clocks = new SourceClocks(store, 1);
        clocks.progress(0, 100, false);

        clocks.progress(1, 50, false);

        assertThat(clocks.streamTimeMs()).isEqualTo(100);
    }
}
