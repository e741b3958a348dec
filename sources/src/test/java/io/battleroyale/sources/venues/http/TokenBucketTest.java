package io.battleroyale.sources.venues.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    @Test
    void burstIsFreeThenRequestsAreSpacedAtTheRate() throws InterruptedException {
        FakeTime time = new FakeTime(0);
        TokenBucket bucket = new TokenBucket(10, 2, time);

        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }

        // two from the burst, then one every 100 ms
        assertThat(time.sleepsMillis()).containsExactly(100L, 100L, 100L);
    }

    @Test
    void idleTimeRefillsUpToCapacityOnly() throws InterruptedException {
        FakeTime time = new FakeTime(0);
        TokenBucket bucket = new TokenBucket(10, 2, time);
        bucket.acquire();
        bucket.acquire();

        time.advanceNanos(60_000_000_000L);
        bucket.acquire();
        bucket.acquire();
        bucket.acquire();

        assertThat(time.sleepsMillis()).containsExactly(100L);
    }

    @Test
    void tryAcquireRefusesWhenEmptyWithoutWaitingAndRefillsAtTheRate() {
        FakeTime time = new FakeTime(0);
        TokenBucket bucket = new TokenBucket(10, 2, time);

        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).as("the burst is spent").isFalse();
        time.advanceNanos(99_000_000L);
        assertThat(bucket.tryAcquire()).as("0.99 of a token").isFalse();
        time.advanceNanos(1_000_000L);
        assertThat(bucket.tryAcquire()).isTrue();

        assertThat(time.sleepsMillis()).as("never sleeps").isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, new FakeTime(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(5, 0.5, new FakeTime(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
