package io.dashtam.platform.http;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/** Jackson's own string reading, refusing text {@link StorableText} rejects (the client gets a 400). */
class StorableStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        String value = super.deserialize(p, ctxt);
        if (value != null && !StorableText.isStorable(value)) {
            return ctxt.reportInputMismatch(String.class,
                    "Text must not contain NUL characters or unpaired UTF-16 surrogates");
        }
        return value;
    }
}
