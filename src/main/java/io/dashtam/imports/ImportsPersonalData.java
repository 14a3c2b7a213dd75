package io.dashtam.imports;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The files a user imported (name, format, checksum, outcome) for their export; they go with the user's row. */
@Component
@Order(400)
class ImportsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    ImportsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        String json = jdbc.sql("""
                SELECT coalesce(json_agg(json_build_object('id', id, 'connectionId', connection_id, 'format', format,
                    'fileName', file_name, 'sha256', sha256, 'parsed', parsed, 'added', added, 'updated', updated,
                    'unchanged', unchanged,
                    'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                    ORDER BY created_at, id), '[]'::json)::text
                FROM imports WHERE user_id = :user""").param("user", user.value()).query(String.class).single();
        try (OutputStream out = archive.file("imports.json")) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
