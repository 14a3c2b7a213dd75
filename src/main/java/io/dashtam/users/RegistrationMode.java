package io.dashtam.users;

/**
 * Who may create an account ({@code DASHTAM_REGISTRATION}): anyone, holders of an admin's invite link, or nobody.
 * Whatever the mode, the first account of an empty install may always register and becomes its admin.
 */
enum RegistrationMode {
    OPEN, INVITE_ONLY, CLOSED;

    /** The outcome of one sign-up attempt, before any invite is looked at. */
    enum Admission {
        /** The install has no account yet: this one is its admin. */
        FIRST_ADMIN,
        /** Allowed as an ordinary user, no invite given. */
        ALLOWED,
        /** Allowed if the invite given is good (and it is used up). */
        NEEDS_VALID_INVITE,
        REFUSED_CLOSED,
        REFUSED_NO_INVITE;

        boolean refused() {
            return this == REFUSED_CLOSED || this == REFUSED_NO_INVITE;
        }
    }

    /** The one rule for the API and the web sign-up page. An invite given in open mode is still checked and used. */
    Admission admit(boolean installIsEmpty, boolean inviteGiven) {
        if (installIsEmpty) {
            return Admission.FIRST_ADMIN;
        }
        if (this == CLOSED) {
            return Admission.REFUSED_CLOSED;
        }
        if (inviteGiven) {
            return Admission.NEEDS_VALID_INVITE;
        }
        return this == OPEN ? Admission.ALLOWED : Admission.REFUSED_NO_INVITE;
    }

    /** The mode written as {@link #value()}; empty for anything else (no trimming, no other spelling). */
    static java.util.Optional<RegistrationMode> parse(String value) {
        return java.util.Arrays.stream(values()).filter(m -> m.value().equals(value)).findFirst();
    }

    /** As written in the configuration and the API: {@code open}, {@code invite-only}, {@code closed}. */
    String value() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
