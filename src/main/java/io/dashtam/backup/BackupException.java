package io.dashtam.backup;

/** A backup or restore refused or failed, with the one-line reason shown to the operator (never a stack trace). */
final class BackupException extends RuntimeException {

    BackupException(String message) {
        super(message);
    }

    BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
