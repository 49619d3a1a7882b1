"""Writes N distinct WhatsApp notifications, one per line as '<X-Hub-Signature-256>\t<body>', for wrk to replay."""
import hashlib
import hmac
import json
import sys
import time

count, secret, run = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
now = int(time.time())
for i in range(count):
    wa_id = "39333%07d" % (i % 5_000_000)
    body = json.dumps({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "390288450000", "phone_number_id": "106540352242922"},
            "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": "wamid.bench.%s.%d" % (run, i), "timestamp": str(now),
                          "type": "text", "text": {"body": "il lampione in via Padova %d è spento da ieri sera" % (i % 400)}}]}}]}],
    }, separators=(",", ":"), ensure_ascii=False).encode()
    signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    sys.stdout.write(signature + "\t" + body.decode() + "\n")
