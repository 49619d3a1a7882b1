"""Writes N distinct signed webhook notifications, one per line as '<X-Hub-Signature-256>\t<body>', for wrk to replay.

    signed-bodies.py whatsapp|meta COUNT APP_SECRET RUN

whatsapp: WhatsApp Cloud API text messages. meta: Messenger direct messages and Instagram comments, alternating.
Every message id carries RUN and its index, so each body is a new contact the adapter must publish.
"""
import hashlib
import hmac
import json
import sys
import time

kind, count, secret, run = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4]
now = int(time.time())


def whatsapp(i):
    wa_id = "39333%07d" % (i % 5_000_000)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "390288450000", "phone_number_id": "106540352242922"},
            "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": "wamid.bench.%s.%d" % (run, i), "timestamp": str(now),
                          "type": "text", "text": {"body": "il lampione in via Padova %d è spento da ieri sera" % (i % 400)}}]}}]}],
    }


def meta(i):
    sender = "65432198%08d" % (i % 5_000_000)
    if i % 2 == 0:
        return {"object": "page", "entry": [{"id": "104826025612345", "time": now * 1000, "messaging": [{
            "sender": {"id": sender}, "recipient": {"id": "104826025612345"}, "timestamp": now * 1000,
            "message": {"mid": "m_bench.%s.%d" % (run, i), "text": "a che ora apre l'anagrafe di via Larga %d?" % (i % 400)}}]}]}
    return {"object": "instagram", "entry": [{"id": "17841400123456789", "time": now, "changes": [{"field": "comments", "value": {
        "from": {"id": sender, "username": "bench"}, "media": {"id": "17895695668004550"},
        "id": "bench.%s.%d" % (run, i), "text": "la pista ciclabile di viale Monza %d quando la finite?" % (i % 400)}}]}]}


notification = {"whatsapp": whatsapp, "meta": meta}[kind]
for i in range(count):
    body = json.dumps(notification(i), separators=(",", ":"), ensure_ascii=False).encode()
    signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    sys.stdout.write(signature + "\t" + body.decode() + "\n")
