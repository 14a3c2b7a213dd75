package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.imports.CsvOptions;
import io.dashtam.imports.ImportService;
import io.dashtam.providers.ConnectionService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload an OFX/QFX or CSV file (up to the API's 20 MB) into a file connection: preview first (rows, duplicates, the
 * CSV column mapping and decimal mark; nothing stored), then confirm. The upload waits on the server for the confirm,
 * which names it: the same file is stored, and it crosses the network once. While a preview is shown, the upload
 * form gives way to "choose another file".
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
        boolean uploaded = file != null && !file.isEmpty();
        String fileName = uploaded ? file.getOriginalFilename() : v.get("fileName");
        boolean confirm = "confirm".equals(v.get("action"));
        String format = blank(v.get("format")) == null ? guess(fileName) : v.get("format");
        CsvOptions csv = "csv".equalsIgnoreCase(format) ? new CsvOptions(
                new CsvOptions.CsvAccount(blank(v.get("accountNumber")), blank(v.get("accountName")), null,
                        blank(v.get("currency"))),
                new CsvOptions.Columns(blank(v.get("colDate")), blank(v.get("colAmount")),
                        blank(v.get("colDescription")), blank(v.get("colType")), blank(v.get("colSymbol")),
                        blank(v.get("colQuantity")), blank(v.get("colPrice")), blank(v.get("colStatus"))),
                blank(v.get("dateFormat")), blank(v.get("delimiter")), blank(v.get("decimalMark"))) : null;
        model.addAttribute("targets", connections.list(me).stream().filter(c -> "file".equals(c.category())).toList());
        model.addAttribute("chosen", connection);
        model.addAttribute("v", v);
        try {
            if (!uploaded && blank(v.get("upload")) == null) {
                throw InvalidInputException.field("file", "choose a file to import");
            }
            // A new file is kept on the server; the confirm names it rather than posting it again.
            UUID upload = uploaded ? imports.stage(me, fileName, file.getBytes()) : PageModel.uuid(v.get("upload"));
            var outcome = imports.importStaged(me, upload, PageModel.uuid(connection), format, !confirm, csv);
            model.addAttribute("outcome", outcome);
            // The summary adds up the table's rows; a new account is said apart, not counted as a row.
            model.addAttribute("rowsNew", outcome.accounts().stream().mapToInt(a -> a.added()).sum());
            model.addAttribute("rowsUpdated", outcome.accounts().stream().mapToInt(a -> a.updated()).sum());
            model.addAttribute("rowsSkipped", outcome.accounts().stream().mapToInt(a -> a.unchanged()).sum());
            model.addAttribute("newAccounts", outcome.accounts().stream().filter(a -> a.newAccount()).count());
            model.addAttribute("upload", upload);
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

    private static String guess(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".ofx") ? "ofx" : name.endsWith(".qfx") ? "qfx" : "csv";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
