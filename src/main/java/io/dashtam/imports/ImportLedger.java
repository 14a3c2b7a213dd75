package io.dashtam.imports;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.BatchResult;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.portfolio.PortfolioUpdated;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The imports table, and a committed import in one transaction: its batches, its row, and its module events
 * ({@link ImportCompleted}, then {@link PortfolioUpdated} when a reader sees a change).
 */
@Repository
class ImportLedger {

    private final PortfolioStore store;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ImportLedger(PortfolioStore store, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.store = store;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    ImportResult commit(UserId user, UUID connectionId, String format, String fileName, String sha,
            List<AccountBatch> batches, Instant now) {
        UUID id = UUID.randomUUID();
        var results = store.storeAll(batches, false);
        ImportResult r = result(id, false, format, fileName, sha, batches, results, now);
        jdbc.sql("""
                INSERT INTO imports (id, user_id, connection_id, format, file_name, sha256, parsed, added, updated,
                    unchanged, created_at)
                VALUES (:id, :u, :c, :format, :name, :sha, :parsed, :added, :updated, :unchanged, :now)""")
                .param("id", id).param("u", user.value()).param("c", connectionId)
                .param("format", format).param("name", fileName).param("sha", sha)
                .param("parsed", r.parsed()).param("added", r.added()).param("updated", r.updated())
                .param("unchanged", r.unchanged()).param("now", Timestamp.from(now)).update();
        events.publishEvent(new ImportCompleted(id, connectionId, user, format, r.accounts().size(), r.parsed(),
                r.added(), r.updated(), r.unchanged()));
        PortfolioUpdated.of(user, connectionId, results, List.of()).ifPresent(events::publishEvent);
        return r;
    }

    List<ImportView> list(UserId user) {
        return jdbc.sql("SELECT * FROM imports WHERE user_id = :u ORDER BY created_at DESC, id LIMIT 200")
                .param("u", user.value())
                .query((rs, n) -> new ImportView(rs.getObject("id", UUID.class),
                        rs.getObject("connection_id", UUID.class), rs.getString("format"), rs.getString("file_name"),
                        rs.getString("sha256"), rs.getInt("parsed"), rs.getInt("added"), rs.getInt("updated"),
                        rs.getInt("unchanged"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    static ImportResult result(UUID id, boolean preview, String format, String fileName, String sha,
            List<AccountBatch> batches, List<BatchResult> results, Instant now) {
        List<ImportResult.AccountResult> accounts = new ArrayList<>();
        int parsed = 0;
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (int i = 0; i < batches.size(); i++) {
            var batch = batches.get(i);
            var r = results.get(i);
            accounts.add(new ImportResult.AccountResult(preview ? null : r.accountId(), batch.account().masked(),
                    batch.account().name(), batch.account().type(), batch.transactions().size(), r.added(),
                    r.updated(), r.unchanged(), r.removed(), r.accountCreated()));
            parsed += batch.transactions().size();
            added += r.added() + (r.accountCreated() ? 1 : 0);
            updated += r.updated();
            unchanged += r.unchanged();
        }
        return new ImportResult(id, preview, format, fileName, sha, parsed, added, updated, unchanged, accounts,
                now);
    }
}
