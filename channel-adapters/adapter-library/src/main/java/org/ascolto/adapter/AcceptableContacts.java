package org.ascolto.adapter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an adapter may say yes to: a contact, its text cleaned ({@link ContactText}), that satisfies the contract and
 * that every later stage can read and store. Beyond the schema that means no character PostgreSQL refuses (NUL) or
 * cannot encode (a lone surrogate) in the fields that are not cleaned because they identify something (ids, keys,
 * addresses).
 */
public final class AcceptableContacts {

    private AcceptableContacts() {
    }

    /** The contacts cleaned; {@link InvalidContactException} naming the fields (never their content) for the first that is not acceptable. */
    public static List<CitizenContact> cleaned(List<CitizenContact> contacts) {
        List<CitizenContact> clean = contacts.stream().map(ContactText::clean).toList();
        for (CitizenContact contact : clean) {
            JsonNode tree = EventJson.tree(contact);
            List<String> violations = new ArrayList<>();
            unstorable(tree, "$", violations);
            if (violations.isEmpty()) {
                violations.addAll(EventSchema.CITIZEN_CONTACT.violations(tree));
            }
            if (!violations.isEmpty()) {
                throw new InvalidContactException(violations);
            }
        }
        return clean;
    }

    private static void unstorable(JsonNode node, String path, List<String> violations) {
        if (node.isTextual() && !storable(node.textValue())) {
            violations.add(path + ": contains a NUL character or an unpaired surrogate");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                unstorable(field.getValue(), path + "." + field.getKey(), violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unstorable(node.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static boolean storable(String text) {
        return text.indexOf('\0') < 0 && !EventJson.hasUnpairedSurrogate(text);
    }
}
