package io.dashtam.insight;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a stored transaction type means for history and returns. The table, per provider (types are distinct
 * strings across providers, so one lookup serves all; docs/returns.md shows it):
 * <pre>
 * provider            type                                          kind
 * Schwab, sandbox     ACH_RECEIPT ACH_DISBURSEMENT CASH_RECEIPT       EXTERNAL (money in/out of the account)
 *                     CASH_DISBURSEMENT ELECTRONIC_FUND WIRE_IN
 *                     WIRE_OUT JOURNAL
 *                     RECEIVE_AND_DELIVER                           SECURITY_TRANSFER (shares in/out, valued)
 *                     DIVIDEND_OR_INTEREST                          INCOME
 *                     TRADE                                         TRADE (shares against cash; fees inside)
 *                     MONEY_MARKET MARGIN_CALL SMA_ADJUSTMENT        INTERNAL
 *                     MEMORANDUM
 * SimpleFIN           CREDIT DEBIT                                  EXTERNAL (a bank account's every movement)
 * OFX bank            INT DIV                                       INCOME
 *                     FEE SRVCHG                                    FEE
 *                     anything else (CREDIT DEBIT DEP XFER ...)     EXTERNAL
 * OFX investment      BUY* SELL* REINVEST                            TRADE
 *                     INCOME                                        INCOME
 *                     INVEXPENSE                                    FEE
 *                     TRANSFER                                      SECURITY_TRANSFER
 *                     SPLIT                                         SPLIT (shares added, no flow)
 * CSV import          DIVIDEND INTEREST                             INCOME
 *                     FEE                                           FEE
 *                     anything else                                 EXTERNAL
 * </pre>
 * Income and fees are part of the return (not flows); they are reported beside it.
 */
enum FlowKind {
    EXTERNAL, SECURITY_TRANSFER, INCOME, FEE, TRADE, SPLIT, INTERNAL;

    private static final Map<String, FlowKind> TYPES = Map.ofEntries(
            Map.entry("RECEIVE_AND_DELIVER", SECURITY_TRANSFER), Map.entry("TRANSFER", SECURITY_TRANSFER),
            Map.entry("DIVIDEND_OR_INTEREST", INCOME), Map.entry("INT", INCOME), Map.entry("DIV", INCOME),
            Map.entry("INCOME", INCOME), Map.entry("DIVIDEND", INCOME), Map.entry("INTEREST", INCOME),
            Map.entry("FEE", FEE), Map.entry("SRVCHG", FEE), Map.entry("INVEXPENSE", FEE),
            Map.entry("TRADE", TRADE), Map.entry("REINVEST", TRADE), Map.entry("SPLIT", SPLIT),
            Map.entry("MONEY_MARKET", INTERNAL), Map.entry("MARGIN_CALL", INTERNAL),
            Map.entry("SMA_ADJUSTMENT", INTERNAL), Map.entry("MEMORANDUM", INTERNAL));

    private static final Set<String> TRADE_PREFIXES = Set.of("BUY", "SELL");

    static FlowKind of(String type) {
        String t = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
        FlowKind kind = TYPES.get(t);
        if (kind != null) {
            return kind;
        }
        return TRADE_PREFIXES.stream().anyMatch(t::startsWith) ? TRADE : EXTERNAL;
    }

    /** Whether the type moves shares (with a symbol and quantity). */
    boolean movesShares() {
        return this == TRADE || this == SECURITY_TRANSFER || this == SPLIT;
    }
}
