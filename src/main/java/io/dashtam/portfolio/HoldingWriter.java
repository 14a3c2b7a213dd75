package io.dashtam.portfolio;

import java.sql.Timestamp;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Upserts an account's reported holdings and closes (never deletes) the ones that vanished. */
final class HoldingWriter {

    private final JdbcClient jdbc;

    HoldingWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds to {@code counts} [added, updated]; returns the number of holdings closed. */
    int write(UUID accountId, Currency currency, List<AccountBatch.Holding> holdings, Timestamp now, int[] counts) {
        // The last report of one id wins, as the provider's list is the truth for this moment.
        Map<String, AccountBatch.Holding> byId = new LinkedHashMap<>();
        holdings.forEach(h -> byId.put(h.providerId(), h));
        for (AccountBatch.Holding h : byId.values()) {
            jdbc.sql("""
                    INSERT INTO holdings AS h (id, account_id, provider_holding_id, symbol, cusip, description,
                        asset_type, quantity, average_price, cost_basis, market_value, unrealized_pl, currency,
                        updated_at)
                    VALUES (:id, :a, :pid, :symbol, :cusip, :description, :assetType, :quantity, :avg, :cost,
                        :mv, :pl, :cur, :now)
                    ON CONFLICT (account_id, provider_holding_id) DO UPDATE SET symbol = EXCLUDED.symbol,
                        cusip = EXCLUDED.cusip, description = EXCLUDED.description, asset_type = EXCLUDED.asset_type,
                        quantity = EXCLUDED.quantity, average_price = EXCLUDED.average_price,
                        cost_basis = EXCLUDED.cost_basis, market_value = EXCLUDED.market_value,
                        unrealized_pl = EXCLUDED.unrealized_pl, updated_at = EXCLUDED.updated_at, closed_at = NULL
                    WHERE (h.symbol, h.cusip, h.description, h.asset_type, h.quantity, h.average_price,
                            h.cost_basis, h.market_value, h.unrealized_pl, h.closed_at IS NULL)
                        IS DISTINCT FROM (EXCLUDED.symbol, EXCLUDED.cusip, EXCLUDED.description,
                            EXCLUDED.asset_type, EXCLUDED.quantity, EXCLUDED.average_price, EXCLUDED.cost_basis,
                            EXCLUDED.market_value, EXCLUDED.unrealized_pl, true)
                    RETURNING (xmax = 0) AS inserted""")
                    .param("id", UUID.randomUUID()).param("a", accountId).param("pid", h.providerId())
                    .param("symbol", h.symbol()).param("cusip", h.cusip()).param("description", h.description())
                    .param("assetType", h.assetType()).param("quantity", h.quantity())
                    .param("avg", h.averagePrice()).param("cost", h.costBasis()).param("mv", h.marketValue())
                    .param("pl", h.unrealizedPl()).param("cur", currency.getCurrencyCode()).param("now", now)
                    .query(Boolean.class).optional().ifPresent(inserted -> counts[inserted ? 0 : 1]++);
        }
        return jdbc.sql("""
                UPDATE holdings SET closed_at = :now, updated_at = :now
                WHERE account_id = :a AND closed_at IS NULL AND NOT (provider_holding_id = ANY (:keep))""")
                .param("now", now).param("a", accountId).param("keep", byId.keySet().toArray(String[]::new))
                .update();
    }
}
