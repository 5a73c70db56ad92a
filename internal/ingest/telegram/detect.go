package telegram

import (
	"bytes"
	"encoding/json"
)

// chatTypes are the values of a chat export's "type".
var chatTypes = map[string]bool{
	"public_channel": true, "private_channel": true,
	"public_supergroup": true, "private_supergroup": true, "private_group": true,
	"personal_chat": true, "bot_chat": true, "saved_messages": true, "replies": true,
}

// Detect reports whether head, the first bytes of an input, looks like a
// Telegram Desktop export: a JSON object whose top-level fields, before
// head ends, include a "messages" array, a "type" naming a kind of chat,
// or the sections of a whole-account export. A JSONL report, whose
// fields are others, does not.
func Detect(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		key, ok := t.(string)
		if !ok {
			return false
		}
		switch key {
		case "personal_information", "chats", "left_chats":
			return true
		}
		t, err = dec.Token()
		if err != nil {
			return false
		}
		switch v := t.(type) {
		case json.Delim:
			if key == "messages" && v == '[' {
				return true
			}
			if !skip(dec) {
				return false
			}
		case string:
			if key == "type" && chatTypes[v] {
				return true
			}
		}
	}
}

// skip reads tokens to the end of the object or array whose opening
// bracket was just read.
func skip(dec *json.Decoder) bool {
	for depth := 1; depth > 0; {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return true
}
