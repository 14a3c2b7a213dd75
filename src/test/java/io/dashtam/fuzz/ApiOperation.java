package io.dashtam.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** One operation of the live OpenAPI document: its parameters and, if it takes one, its body's schema. */
record ApiOperation(String method, String path, List<Param> params, String bodyType, JsonNode bodySchema) {

    record Param(String name, String in, String type, String format, boolean required) {
    }

    String key() {
        return method + " " + path;
    }

    List<Param> in(String where) {
        return params.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** Every operation in the document, in a stable order (the seed must replay the same requests). */
    static List<ApiOperation> read(JsonNode doc) {
        Map<String, ApiOperation> operations = new TreeMap<>();
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                List<Param> params = new ArrayList<>();
                JsonNode declared = op.getValue().get("parameters");
                if (declared != null) {
                    for (JsonNode p : declared) {
                        JsonNode schema = resolve(doc, p.get("schema"));
                        params.add(new Param(p.get("name").asString(), p.get("in").asString(),
                                text(schema, "type"), text(schema, "format"),
                                p.has("required") && p.get("required").asBoolean()));
                    }
                }
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode content = op.getValue().path("requestBody").get("content");
                if (content != null && !content.propertyNames().isEmpty()) {
                    bodyType = content.propertyNames().iterator().next();
                    bodySchema = resolve(doc, content.get(bodyType).get("schema"));
                }
                var operation = new ApiOperation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        List.copyOf(params), bodyType, bodySchema);
                operations.put(operation.key(), operation);
            }
        }
        return List.copyOf(operations.values());
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        while (schema != null && schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            schema = doc.at(ref.substring(1));
        }
        return schema;
    }

    private static String text(JsonNode node, String field) {
        return node == null || node.get(field) == null ? null : node.get(field).asString();
    }
}
