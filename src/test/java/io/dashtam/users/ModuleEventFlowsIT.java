package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionDeadlineNear;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ConnectionStatusChanged;
import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The providers module's events as the users module reacts to them, after the change commits, through the event
 * publication registry: the owner's mail, and the registry emptied once it is in the outbox. A reaction that fails
 * stays owed and is delivered when the incomplete publications are resubmitted (as at every start-up).
 */
@EnableScenarios
class ModuleEventFlowsIT extends IntegrationTest {

    @Autowired
    IncompleteEventPublications incomplete;

    private List<String> mails(Caller user) {
        return jdbc.sql("SELECT subject FROM outbox WHERE recipient = :r AND subject NOT LIKE 'Verify%'")
                .param("r", user.email()).query(String.class).list();
    }

    private int owed() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Integer.class)
                .single();
    }

    @Test
    void aConnectionNeedingReauthorizationIsMailedToItsOwnerAfterItCommits(Scenario scenario) {
        var owner = newUser();
        Instant deadline = Instant.parse("2030-01-01T00:00:00Z");
        scenario.publish(new ConnectionStatusChanged(ConnectionId.random(), UserId.of(owner.userId()), "schwab",
                        "reauth_required", deadline))
                .andWaitForStateChange(() -> mails(owner), list -> !list.isEmpty())
                .andVerify(list -> assertThat(list).containsExactly("Re-authorize your schwab connection in Dashtam"));
        assertThat(owed()).as("the registry's row went with the completed reaction").isZero();

        scenario.publish(new ConnectionDeadlineNear(ConnectionId.random(), UserId.of(owner.userId()), "schwab",
                        deadline))
                .andWaitForStateChange(() -> mails(owner), list -> list.size() == 2)
                .andVerify(list -> assertThat(list).contains("Your schwab connection in Dashtam ends " + deadline));
    }

    @Test
    void aReactionThatFailedIsOwedUntilItIsResubmitted(Scenario scenario) {
        var owner = newUser();
        // The outbox refuses writes for a moment (its own database: this test class's).
        jdbc.sql("""
                CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$""").update();
        jdbc.sql("CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()")
                .update();
        try {
            scenario.publish(new ConnectionStatusChanged(ConnectionId.random(), UserId.of(owner.userId()), "schwab",
                            "expired", null))
                    .andWaitForStateChange(this::owed, n -> n == 1)
                    .andVerify(n -> assertThat(mails(owner)).isEmpty());
        } finally {
            jdbc.sql("DROP TRIGGER refuse_outbox ON outbox").update();
            jdbc.sql("DROP FUNCTION refuse_outbox()").update();
        }

        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ZERO);
        assertThat(mails(owner)).containsExactly("Your schwab connection in Dashtam expired");
        assertThat(owed()).isZero();
    }
}
