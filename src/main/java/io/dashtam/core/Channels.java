package io.dashtam.core;

/**
 * Every {@link DatabaseNotifications} channel the modules share, in one place: a name is a contract between the
 * replica that notifies and the ones that listen, and two modules must never pick the same one by accident.
 */
public final class Channels {

    /** A session (payload {@code s:<session id>}) or every session of a user ({@code u:<user id>}) ended. */
    public static final String SESSION_REVOKED = "dashtam_session_revoked";

    /** Live events were numbered; the payload lists their users ({@code *}: too many to name). */
    public static final String EVENTS = "dashtam_events";

    /** A sync run was queued for the connection in the payload: a worker claims it at once. */
    public static final String SYNC_QUEUED = "dashtam_sync_queued";

    /** The connection in the payload was deleted: the instance running its sync stops it at once. */
    public static final String SYNC_CANCELLED = "dashtam_sync_cancelled";

    private Channels() {
    }
}
