package io.dashtam.portfolio;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The caller's accounts, balances, holdings, transactions and net worth, for the API and the pages alike: the
 * same owner scoping, range checks and refusals, so a page never shows what the API would not. Another user's
 * ids are not found.
 */
@Service
public class PortfolioService {

    /** The longest date range a balance or net-worth history covers. */
    static final long MAX_DAYS = 3660;

    private final PortfolioQueries queries;
    private final Clock clock;

    PortfolioService(PortfolioQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** Which transactions to list; null fields do not filter. {@code text} searches description and symbol. */
    public record TransactionFilter(UUID accountId, LocalDate from, LocalDate to, String type, String symbol,
            String status, String text, int limit, String cursor) {
    }

    public List<Views.AccountView> accounts(AuthenticatedUser caller) {
        return queries.accounts(caller.id());
    }

    public Views.AccountView account(AuthenticatedUser caller, UUID id) {
        return queries.account(caller.id(), id).orElseThrow(() -> new NotFoundException("Account"));
    }

    /** Daily balance snapshots of one account, {@code to} defaulting to today and {@code from} to a year before. */
    public List<Views.BalancePoint> balances(AuthenticatedUser caller, UUID account, LocalDate from, LocalDate to) {
        account(caller, account);
        LocalDate end = to == null ? today() : TransactionQuery.checkedDate("to", to);
        return queries.balances(account, checkedFrom(from, end, 365), end);
    }

    public List<Views.HoldingView> holdings(AuthenticatedUser caller, UUID account, boolean includeClosed) {
        if (account != null) {
            account(caller, account);
        }
        return queries.holdings(caller.id(), account, includeClosed);
    }

    /** A page of transactions, newest first; the slice's cursor continues it. */
    public Views.TransactionSlice transactions(AuthenticatedUser caller, TransactionFilter filter) {
        if (filter.accountId() != null) {
            account(caller, filter.accountId());
        }
        var query = new TransactionQuery(caller.id(), filter.accountId(), filter.from(), filter.to(),
                blankToNull(filter.type()), blankToNull(filter.symbol()), blankToNull(filter.status()),
                blankToNull(filter.text()), filter.limit(), TransactionQuery.Cursor.parse(filter.cursor()));
        return query.text() == null ? queries.transactions(query) : queries.search(query);
    }

    /** The currency of the caller's first open account (the first connected or imported), if any. */
    public java.util.Optional<String> firstAccountCurrency(AuthenticatedUser caller) {
        return queries.firstAccountCurrency(caller.id());
    }

    public Views.NetWorth netWorth(AuthenticatedUser caller) {
        return queries.netWorth(caller.id(), clock.instant());
    }

    /** Per day and currency, {@code to} defaulting to today and {@code from} to 30 days before. */
    public Views.NetWorthHistory netWorthHistory(AuthenticatedUser caller, LocalDate from, LocalDate to) {
        LocalDate end = to == null ? today() : TransactionQuery.checkedDate("to", to);
        return queries.netWorthHistory(caller.id(), checkedFrom(from, end, 30), end);
    }

    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate checkedFrom(LocalDate from, LocalDate to, int defaultDays) {
        LocalDate start = from == null ? to.minusDays(defaultDays) : TransactionQuery.checkedDate("from", from);
        if (start.isAfter(to)) {
            throw InvalidInputException.field("from", "must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(start, to) > MAX_DAYS) {
            throw InvalidInputException.field("from", "range must not exceed " + MAX_DAYS + " days");
        }
        return start;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
