package io.dashtam.core;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What one module holds about a user, for the user's own export and for the erasure of their account (the privacy
 * module runs every implementation). A module implements it for the rows it owns.
 */
public interface PersonalData {

    /**
     * Writes this module's files into the user's export. Large tables are read in pages: no connection or
     * transaction is held while the archive is written (the archive is the user's download).
     */
    void export(UserId user, Archive archive) throws IOException;

    /**
     * Removes or anonymises this module's rows of the user, in the caller's transaction. Rows deleted by a foreign
     * key from the user's row need nothing here. The users module deletes that row last.
     */
    default void erase(UserId user) {
    }

    /** The export being written. */
    interface Archive {

        /** Starts a file; write it completely before starting the next. Closing the stream ends the file only. */
        OutputStream file(String name) throws IOException;
    }
}
