package io.dashtam.schwab;

import io.dashtam.portfolio.AccountBatch;

/** For benchmarks elsewhere: one Trader-API transaction's JSON as the adapter maps it. */
public final class TraderParsing {

    private TraderParsing() {
    }

    public static AccountBatch.Transaction transaction(String json) {
        return TraderTransactions.read(TraderClient.JSON.createParser("[" + json + "]"), "t").get(0);
    }
}
