package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import io.dashtam.imports.CsvOptions;
import io.dashtam.imports.ImportService;
import io.dashtam.providers.ConnectionService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload an OFX/QFX or CSV file into a file connection: preview first (rows, duplicates, the CSV column mapping;
 * nothing stored), then confirm. The previewed bytes ride along in the confirm form, so the same file is stored.
 */
@Controller
class ImportPages {

    private final ImportService imports;
    private final ConnectionService connections;

    ImportPages(ImportService imports, ConnectionService connections) {
        this.imports = imports;
        this.connections = connections;
    }

    @GetMapping("/app/import")
    String form(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String connection,
            Model model) {
        model.addAttribute("targets", connections.list(me).stream().filter(c -> "file".equals(c.category())).toList());
        model.addAttribute("chosen", connection);
        model.addAttribute("v", Map.of());
        return "web/import";
    }

    @PostMapping("/app/import")
    String upload(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam Map<String, String> v,
            @RequestParam(name = "file", required = false) MultipartFile file, HttpServletResponse response,
            Model model) throws IOException {
        String connection = v.get("connection");
        byte[] content = file != null && !file.isEmpty() ? file.getBytes() : decode(v.get("content"));
        String fileName = file != null && !file.isEmpty() ? file.getOriginalFilename() : v.get("fileName");
        boolean confirm = "confirm".equals(v.get("action"));
        String format = blank(v.get("format")) == null ? guess(fileName) : v.get("format");
        CsvOptions csv = "csv".equalsIgnoreCase(format) ? new CsvOptions(
                new CsvOptions.CsvAccount(blank(v.get("accountNumber")), blank(v.get("accountName")), null,
                        blank(v.get("currency"))),
                new CsvOptions.Columns(blank(v.get("colDate")), blank(v.get("colAmount")),
                        blank(v.get("colDescription")), blank(v.get("colType")), blank(v.get("colSymbol")),
                        blank(v.get("colQuantity")), blank(v.get("colPrice")), blank(v.get("colStatus"))),
                blank(v.get("dateFormat")), blank(v.get("delimiter"))) : null;
        model.addAttribute("targets", connections.list(me).stream().filter(c -> "file".equals(c.category())).toList());
        model.addAttribute("chosen", connection);
        model.addAttribute("v", v);
        try {
            if (content.length == 0) {
                throw InvalidInputException.field("file", "choose a file to import");
            }
            var outcome = imports.importFile(me, new ImportService.ImportFile(PageModel.uuid(connection), format,
                    fileName, content, !confirm, csv));
            model.addAttribute("outcome", outcome);
            model.addAttribute("content", Base64.getEncoder().encodeToString(content));
            model.addAttribute("fileName", fileName);
            model.addAttribute("format", format);
        } catch (NotFoundException e) {
            Refusals.onForm(InvalidInputException.field("connection", "not one of yours"), response, model, "error",
                    "Choose one of your file connections.");
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return "web/import";
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("The previewed file was damaged; upload it again.");
        }
    }

    private static String guess(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".ofx") ? "ofx" : name.endsWith(".qfx") ? "qfx" : "csv";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
