package io.dashtam.imports;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.AccountBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OFX/QFX statements into account batches: bank and credit-card statements (transactions, ledger balance) and
 * investment statements (positions, transactions, cash). Transactions are keyed by FITID, so importing the same
 * or an overlapping file again adds nothing twice.
 */
final class OfxReader {

    private static final Pattern DATE = Pattern.compile(
            "(\\d{8})(\\d{6})?(?:\\.\\d{1,3})?(?:\\[([+-]?\\d{1,2}(?:\\.\\d+)?)(?::[A-Za-z]+)?])?");

    private OfxReader() {
    }

    static List<AccountBatch> read(String text, UUID connectionId, UserId user) {
        OfxDocument.Element ofx = OfxDocument.parse(text);
        List<AccountBatch> batches = new ArrayList<>();
        for (var stmt : ofx.find("STMTRS")) {
            batches.add(bank(stmt, stmt.child("BANKACCTFROM"), null, connectionId, user));
        }
        for (var stmt : ofx.find("CCSTMTRS")) {
            batches.add(bank(stmt, stmt.child("CCACCTFROM"), "CREDITCARD", connectionId, user));
        }
        Map<String, String[]> securities = securities(ofx);
        for (var stmt : ofx.find("INVSTMTRS")) {
            batches.add(investment(stmt, securities, connectionId, user));
        }
        if (batches.isEmpty()) {
            throw new ImportException(ofx.line, "OFX", "no bank, credit card or investment statement");
        }
        return batches;
    }

    private static AccountBatch bank(OfxDocument.Element stmt, java.util.Optional<OfxDocument.Element> from,
            String fixedType, UUID connectionId, UserId user) {
        var acct = from.orElseThrow(() -> new ImportException(stmt.line, "BANKACCTFROM", "missing in " + stmt.name));
        Currency currency = currency(stmt);
        String type = fixedType != null ? fixedType : acct.required("ACCTTYPE");
        var account = guard(acct.lineOf("ACCTID"), "ACCTID",
                () -> new AccountBatch.Account(acct.required("ACCTID"), null, type, currency));
        List<AccountBatch.Transaction> transactions = new ArrayList<>();
        stmt.child("BANKTRANLIST").ifPresent(list -> {
            for (var trn : list.all("STMTTRN")) {
                transactions.add(statementTransaction(trn));
            }
        });
        AccountBatch.Balance balance = stmt.child("LEDGERBAL").map(b -> {
            BigDecimal amount = amount(b, "BALAMT");
            BigDecimal available = stmt.child("AVAILBAL").map(a -> amount(a, "BALAMT")).orElse(null);
            return guard(b.line, "BALAMT", () -> new AccountBatch.Balance(amount, available));
        }).orElse(null);
        return new AccountBatch(connectionId, user, account, balance, null, transactions);
    }

    private static AccountBatch.Transaction statementTransaction(OfxDocument.Element trn) {
        String fitid = trn.required("FITID");
        Instant posted = date(trn, "DTPOSTED");
        BigDecimal amount = amount(trn, "TRNAMT");
        String name = trn.text("NAME");
        String memo = trn.text("MEMO");
        String description = name == null ? (memo == null ? "" : memo) : memo == null ? name : name + " " + memo;
        return guard(trn.line, "STMTTRN", () -> new AccountBatch.Transaction("FITID:" + fitid, posted,
                posted.atOffset(ZoneOffset.UTC).toLocalDate(), null, trn.required("TRNTYPE"), "VALID", description,
                null, null, null, amount));
    }

    private static AccountBatch investment(OfxDocument.Element stmt, Map<String, String[]> securities,
            UUID connectionId, UserId user) {
        var acct = stmt.child("INVACCTFROM")
                .orElseThrow(() -> new ImportException(stmt.line, "INVACCTFROM", "missing in INVSTMTRS"));
        Currency currency = currency(stmt);
        var account = guard(acct.lineOf("ACCTID"), "ACCTID",
                () -> new AccountBatch.Account(acct.required("ACCTID"), null, "INVESTMENT", currency));
        List<AccountBatch.Holding> holdings = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (var list : stmt.all("INVPOSLIST")) {
            for (var pos : list.children) {
                var inv = pos.child("INVPOS").orElseThrow(() -> new ImportException(pos.line, "INVPOS", "missing"));
                String id = inv.child("SECID").map(s -> s.required("UNIQUEID"))
                        .orElseThrow(() -> new ImportException(inv.line, "SECID", "missing"));
                String[] security = securities.getOrDefault(id, new String[2]);
                BigDecimal units = amount(inv, "UNITS");
                BigDecimal price = amount(inv, "UNITPRICE");
                BigDecimal value = amount(inv, "MKTVAL");
                total = total.add(value);
                holdings.add(guard(inv.line, "INVPOS", () -> new AccountBatch.Holding(id, security[0], id,
                        security[1], pos.name.replace("POS", ""), units, null, null, value, null)));
                if (price.signum() < 0) {
                    throw new ImportException(inv.lineOf("UNITPRICE"), "UNITPRICE", "negative");
                }
            }
        }
        List<AccountBatch.Transaction> transactions = new ArrayList<>();
        stmt.child("INVTRANLIST").ifPresent(list -> {
            for (var entry : list.children) {
                if (entry.name.equals("DTSTART") || entry.name.equals("DTEND")) {
                    continue;
                }
                if (entry.name.equals("INVBANKTRAN")) {
                    entry.child("STMTTRN").ifPresent(t -> transactions.add(statementTransaction(t)));
                    continue;
                }
                transactions.add(investmentTransaction(entry, securities));
            }
        });
        BigDecimal cash = stmt.child("INVBAL").map(b -> amount(b, "AVAILCASH")).orElse(null);
        BigDecimal balanceTotal = total.add(cash == null ? BigDecimal.ZERO : cash);
        var balance = guard(stmt.line, "INVBAL", () -> new AccountBatch.Balance(balanceTotal, cash));
        return new AccountBatch(connectionId, user, account, balance, holdings, transactions);
    }

    private static AccountBatch.Transaction investmentTransaction(OfxDocument.Element entry,
            Map<String, String[]> securities) {
        var inv = entry.find("INVTRAN").stream().findFirst()
                .orElseThrow(() -> new ImportException(entry.line, "INVTRAN", "missing in " + entry.name));
        String fitid = inv.required("FITID");
        Instant traded = date(inv, "DTTRADE");
        LocalDate settled = inv.text("DTSETTLE") == null ? null : date(inv, "DTSETTLE").atOffset(ZoneOffset.UTC)
                .toLocalDate();
        var holder = entry.find("SECID").stream().findFirst();
        String symbol = holder.map(s -> securities.getOrDefault(s.text("UNIQUEID"), new String[2])[0]).orElse(null);
        BigDecimal total = entry.find("TOTAL").isEmpty() ? BigDecimal.ZERO : amount(entry.find("TOTAL").get(0), null);
        BigDecimal units = entry.name.equals("SPLIT") ? splitUnits(entry)
                : entry.find("UNITS").isEmpty() ? null : amount(entry.find("UNITS").get(0), null);
        BigDecimal price = entry.find("UNITPRICE").isEmpty() ? null : amount(entry.find("UNITPRICE").get(0), null);
        return guard(entry.line, entry.name, () -> new AccountBatch.Transaction("FITID:" + fitid, traded,
                traded.atOffset(ZoneOffset.UTC).toLocalDate(), settled, entry.name, "VALID",
                inv.text("MEMO") == null ? entry.name : inv.text("MEMO"), symbol, units, price, total));
    }

    /**
     * A split's shares added (NEWUNITS less OLDUNITS; negative for a reverse split), so the history walks positions
     * through it. Its ratio (NUMERATOR new for DENOMINATOR old) must be above zero: a ratio of 0 would wipe the
     * position, and a file saying so is refused, never stored.
     */
    private static BigDecimal splitUnits(OfxDocument.Element split) {
        for (String field : new String[] {"NUMERATOR", "DENOMINATOR"}) {
            if (amount(split, field).signum() <= 0) {
                throw new ImportException(split.lineOf(field), field, "a split ratio must be above zero");
            }
        }
        BigDecimal oldUnits = amount(split, "OLDUNITS");
        BigDecimal newUnits = amount(split, "NEWUNITS");
        if (oldUnits.signum() < 0 || newUnits.signum() <= 0) {
            throw new ImportException(split.lineOf("NEWUNITS"), "NEWUNITS", "a split's units must be above zero");
        }
        return newUnits.subtract(oldUnits);
    }

    /** UNIQUEID → {ticker, name} from SECLIST. */
    private static Map<String, String[]> securities(OfxDocument.Element ofx) {
        Map<String, String[]> out = new HashMap<>();
        for (var info : ofx.find("SECINFO")) {
            info.child("SECID").map(s -> s.text("UNIQUEID")).ifPresent(id ->
                    out.put(id, new String[] {info.text("TICKER"), info.text("SECNAME")}));
        }
        return out;
    }

    private static Currency currency(OfxDocument.Element stmt) {
        String code = stmt.required("CURDEF");
        try {
            return Currency.getInstance(code.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ImportException(stmt.lineOf("CURDEF"), "CURDEF", "not an ISO 4217 currency code");
        }
    }

    /** A leaf's decimal value; {@code field} null means the element itself is the leaf. */
    private static BigDecimal amount(OfxDocument.Element element, String field) {
        String raw = field == null ? element.value : element.required(field);
        String name = field == null ? element.name : field;
        int line = field == null ? element.line : element.lineOf(field);
        if (raw == null) {
            throw new ImportException(line, name, "missing");
        }
        String normalized = raw.trim();
        if (normalized.indexOf('.') < 0 && normalized.indexOf(',') >= 0) {
            normalized = normalized.replace(',', '.'); // some banks write a decimal comma
        }
        if (!normalized.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new ImportException(line, name, "not a number");
        }
        BigDecimal value = new BigDecimal(normalized);
        if (value.abs().compareTo(new BigDecimal("1e15")) >= 0) {
            throw new ImportException(line, name, "out of range");
        }
        return value;
    }

    static Instant date(OfxDocument.Element element, String field) {
        String raw = element.required(field);
        int line = element.lineOf(field);
        Matcher m = DATE.matcher(raw.trim());
        if (!m.matches()) {
            throw new ImportException(line, field, "not an OFX date (YYYYMMDD[HHMMSS][.XXX][[offset:TZ]])");
        }
        try {
            LocalDate day = LocalDate.parse(m.group(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            LocalDateTime time = m.group(2) == null ? day.atStartOfDay() : day.atTime(
                    Integer.parseInt(m.group(2).substring(0, 2)), Integer.parseInt(m.group(2).substring(2, 4)),
                    Integer.parseInt(m.group(2).substring(4, 6)));
            int offsetSeconds = m.group(3) == null ? 0 : new BigDecimal(m.group(3)).multiply(BigDecimal.valueOf(3600)).intValueExact();
            return time.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new ImportException(line, field, "not a valid date");
        }
    }

    static <T> T guard(int line, String field, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (AccountBatch.InvalidDataException e) {
            throw new ImportException(line, field, e.getMessage());
        }
    }
}
