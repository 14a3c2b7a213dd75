package io.dashtam.privacy;

import io.dashtam.core.PersonalData;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The export as a ZIP written straight to the response: one entry per file, nothing kept in memory. */
final class ExportArchive implements PersonalData.Archive, AutoCloseable {

    private final ZipOutputStream zip;
    private final Set<String> names = new HashSet<>();

    ExportArchive(OutputStream out) {
        this.zip = new ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public OutputStream file(String name) throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || !names.add(name)) {
            throw new IllegalArgumentException("export file name '" + name + "' is invalid or used twice");
        }
        zip.putNextEntry(new ZipEntry(name));
        return new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                zip.closeEntry();
            }
        };
    }

    @Override
    public void close() throws IOException {
        zip.finish();
        zip.flush();
    }
}
