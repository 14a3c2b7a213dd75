package io.dashtam.imports;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/imports}: a file (base64 in JSON) into one of the caller's file connections, through
 * {@link ImportService}: 201 with what was stored, or 200 for a preview that stores nothing.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    record ImportRequest(@NotNull UUID connectionId, @NotNull @Pattern(regexp = "(?i)ofx|qfx|csv") String format,
            @Size(max = 255) String fileName, @NotBlank String content, Boolean preview, @Valid CsvOptions csv) {
        boolean isPreview() {
            return Boolean.TRUE.equals(preview);
        }

        @Override
        public String toString() {
            return "ImportRequest[" + connectionId + ", " + format + "]";
        }
    }

    @PostMapping
    ResponseEntity<ImportResult> importFile(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody ImportRequest request) {
        var result = imports.importFile(caller, new ImportService.ImportFile(request.connectionId(),
                request.format(), request.fileName(), decode(request.content()), request.isPreview(), request.csv()));
        return ResponseEntity.status(request.isPreview() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @GetMapping
    List<ImportView> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return imports.list(caller);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("content", "is not base64");
        }
    }
}
