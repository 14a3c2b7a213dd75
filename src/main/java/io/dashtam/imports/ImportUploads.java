package io.dashtam.imports;

import io.dashtam.core.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The import_uploads table: files kept between a page's preview and its confirm, per owner, until they expire. */
@Repository
class ImportUploads {

    /** A staged file as its owner may use it. */
    record Staged(UUID id, String fileName, byte[] content) {
        @Override
        public String toString() {
            return "Staged[" + id + "]";
        }
    }

    private final JdbcClient jdbc;

    ImportUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps {@code content} until {@code expires}; uploads that expired by {@code now} (anyone's) go first. */
    UUID stage(UserId owner, String fileName, byte[] content, Instant now, Instant expires) {
        jdbc.sql("DELETE FROM import_uploads WHERE expires_at <= :now").param("now", Timestamp.from(now)).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO import_uploads (id, user_id, file_name, content, created_at, expires_at)
                VALUES (:id, :u, :name, :content, :now, :expires)""")
                .param("id", id).param("u", owner.value()).param("name", fileName).param("content", content)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expires)).update();
        return id;
    }

    /** The owner's unexpired upload; another user's is as missing as an unknown one. */
    Optional<Staged> find(UserId owner, UUID id, Instant now) {
        return jdbc.sql("""
                SELECT id, file_name, content FROM import_uploads
                WHERE id = :id AND user_id = :u AND expires_at > :now""")
                .param("id", id).param("u", owner.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> new Staged(rs.getObject("id", UUID.class), rs.getString("file_name"),
                        rs.getBytes("content")))
                .optional();
    }

    void delete(UserId owner, UUID id) {
        jdbc.sql("DELETE FROM import_uploads WHERE id = :id AND user_id = :u").param("id", id)
                .param("u", owner.value()).update();
    }
}
