package io.battleroyale.job.live;

import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.source.FeedHealth;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthNoticesTest {

    @Test
    void oneLineWhenAFeedGoesDownAndOneWhenItRecovers() {
        StringWriter text = new StringWriter();
        HealthNotices notices =
                HealthNotices.start(new PrintWriter(text), List.of("kalshi-test"), "fallback on");
        FeedHealth health = new FeedHealth("kalshi-test", TimeSource.SYSTEM);

        health.down("unreachable: HTTP 503");
        notices.check();
        health.down("unreachable: HTTP 503");
        notices.check();
        health.up();
        notices.check();
        notices.close();

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "notice: kalshi-test is unavailable (unreachable: HTTP 503); fallback on"
                                + " until it answers again. Polling continues.",
                        "notice: kalshi-test is reachable again; its live data is used again.");
    }

    @Test
    void aFeedThatNeverAnsweredIsNamedAtTheEnd() {
        StringWriter text = new StringWriter();
        HealthNotices.start(new PrintWriter(text), List.of("quiet-test"), "fallback on").close();
        assertThat(text.toString())
                .startsWith("notice: quiet-test gave no answer")
                .contains("fallback on");
    }
}
