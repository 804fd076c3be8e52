-- Captures webhook events where they happen: each trigger queues one delivery (worker/webhooks/deliveries.ts sends it)
-- per live endpoint of the program that chose the event, in the same write as the change, so every path that makes the
-- change (pages, the API, the pairing room's projection, the journey, imports, invitations) is caught without knowing
-- webhooks. Written by hand: drizzle-kit does not generate triggers.
--
-- Payloads (domain/webhooks/events.ts, WebhookData) carry ids, roles, stages, answers and times only: never names,
-- addresses, chat, notes, agreement text, meeting titles or check-in comments.
--
-- The room's projection replaces a pairing's meetings and check-in answers whole on each snapshot, so those triggers see
-- the same row inserted again and again: a delivery's id is made from what the event is (the answer, the meeting and
-- its sequence), so a repeat conflicts and is dropped, and an event older than the endpoint (`created_at`) is never
-- sent to it. Memberships and stage changes are inserted once, so those fire on the real change only.
--
-- A new delivery is due at once (next_at 0): SQLite's clock and the worker's Date.now() differ by a few milliseconds.
CREATE TRIGGER `webhook_participant_joined_insert` AFTER INSERT ON `memberships` WHEN NEW.status = 'active' AND NEW.role IN ('mentor', 'mentee') BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'joined_' || lower(hex(randomblob(8))), e.id, 'participant.joined',
      json_object('type', 'participant.joined', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) / 1000.0, 'unixepoch'), 'data', json_object('program_id', NEW.program_id, 'person_id', NEW.person_id, 'role', NEW.role)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = NEW.program_id AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'participant.joined')
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_participant_joined_update` AFTER UPDATE OF status ON `memberships` WHEN OLD.status <> 'active' AND NEW.status = 'active' AND NEW.role IN ('mentor', 'mentee') BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'joined_' || lower(hex(randomblob(8))), e.id, 'participant.joined',
      json_object('type', 'participant.joined', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) / 1000.0, 'unixepoch'), 'data', json_object('program_id', NEW.program_id, 'person_id', NEW.person_id, 'role', NEW.role)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = NEW.program_id AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'participant.joined')
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_pairing_created` AFTER INSERT ON `pairing_members` BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'created_' || NEW.pairing_id, e.id, 'pairing.created',
      json_object('type', 'pairing.created', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', ((SELECT created_at FROM pairings WHERE id = NEW.pairing_id)) / 1000.0, 'unixepoch'), 'data', json_object('program_id', NEW.program_id, 'pairing_id', NEW.pairing_id, 'members', json((SELECT json_group_array(json_object('person_id', m.person_id, 'role', m.role)) FROM (SELECT person_id, role FROM pairing_members WHERE pairing_id = NEW.pairing_id ORDER BY role, person_id) m)))),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = NEW.program_id AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'pairing.created')
      AND (SELECT created_at FROM pairings WHERE id = NEW.pairing_id) >= e.created_at
    ON CONFLICT (id) DO UPDATE SET body = excluded.body WHERE webhook_deliveries.attempts = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_pairing_stage_changed` AFTER INSERT ON `pairing_stage_changes` BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'stage_' || NEW.pairing_id || '_' || NEW.seq, e.id, 'pairing.stage_changed',
      json_object('type', 'pairing.stage_changed', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.at) / 1000.0, 'unixepoch'), 'data', json_object('program_id', (SELECT program_id FROM pairings WHERE id = NEW.pairing_id), 'pairing_id', NEW.pairing_id, 'from', NEW.from_stage, 'to', NEW.to_stage)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = (SELECT program_id FROM pairings WHERE id = NEW.pairing_id) AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'pairing.stage_changed')
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_pairing_at_risk` AFTER UPDATE OF risk_reason ON `pairings` WHEN OLD.risk_reason IS NULL AND NEW.risk_reason IS NOT NULL BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'risk_' || NEW.id || '_' || coalesce(NEW.risk_since, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), e.id, 'pairing.at_risk',
      json_object('type', 'pairing.at_risk', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (coalesce(NEW.risk_since, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))) / 1000.0, 'unixepoch'), 'data', json_object('program_id', NEW.program_id, 'pairing_id', NEW.id)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = NEW.program_id AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'pairing.at_risk')
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_checkin_answered` AFTER INSERT ON `checkin_answers` BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'answer_' || NEW.checkin_id || '_' || NEW.person_id || '_' || NEW.answered_at, e.id, 'checkin.answered',
      json_object('type', 'checkin.answered', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.answered_at) / 1000.0, 'unixepoch'), 'data', json_object('program_id', (SELECT program_id FROM checkins WHERE id = NEW.checkin_id), 'pairing_id', NEW.pairing_id, 'checkin_id', NEW.checkin_id, 'person_id', NEW.person_id, 'answer', NEW.answer)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = (SELECT program_id FROM checkins WHERE id = NEW.checkin_id) AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'checkin.answered')
      AND NEW.answered_at >= e.created_at
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_meeting_scheduled_insert` AFTER INSERT ON `meetings` WHEN NEW.status = 'confirmed' BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'meeting_' || NEW.id || '_' || NEW.sequence, e.id, 'meeting.scheduled',
      json_object('type', 'meeting.scheduled', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.updated_at) / 1000.0, 'unixepoch'), 'data', json_object('program_id', (SELECT program_id FROM pairings WHERE id = NEW.pairing_id), 'pairing_id', NEW.pairing_id, 'meeting_id', NEW.id, 'first_start', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.first_start) / 1000.0, 'unixepoch'))),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = (SELECT program_id FROM pairings WHERE id = NEW.pairing_id) AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'meeting.scheduled')
      AND NEW.updated_at >= e.created_at
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_meeting_cancelled_insert` AFTER INSERT ON `meetings` WHEN NEW.status = 'cancelled' BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'cancelled_' || NEW.id, e.id, 'meeting.cancelled',
      json_object('type', 'meeting.cancelled', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.updated_at) / 1000.0, 'unixepoch'), 'data', json_object('program_id', (SELECT program_id FROM pairings WHERE id = NEW.pairing_id), 'pairing_id', NEW.pairing_id, 'meeting_id', NEW.id)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = (SELECT program_id FROM pairings WHERE id = NEW.pairing_id) AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'meeting.cancelled')
      AND NEW.updated_at >= e.created_at
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_meeting_scheduled_update` AFTER UPDATE OF status, sequence ON `meetings` WHEN NEW.status = 'confirmed' BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'meeting_' || NEW.id || '_' || NEW.sequence, e.id, 'meeting.scheduled',
      json_object('type', 'meeting.scheduled', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.updated_at) / 1000.0, 'unixepoch'), 'data', json_object('program_id', (SELECT program_id FROM pairings WHERE id = NEW.pairing_id), 'pairing_id', NEW.pairing_id, 'meeting_id', NEW.id, 'first_start', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.first_start) / 1000.0, 'unixepoch'))),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = (SELECT program_id FROM pairings WHERE id = NEW.pairing_id) AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'meeting.scheduled')
      AND NEW.updated_at >= e.created_at
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_meeting_cancelled_update` AFTER UPDATE OF status, sequence ON `meetings` WHEN NEW.status = 'cancelled' BEGIN
  INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, status, attempts, next_at)
    SELECT 'msg_' || e.id || '_' || 'cancelled_' || NEW.id, e.id, 'meeting.cancelled',
      json_object('type', 'meeting.cancelled', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', (NEW.updated_at) / 1000.0, 'unixepoch'), 'data', json_object('program_id', (SELECT program_id FROM pairings WHERE id = NEW.pairing_id), 'pairing_id', NEW.pairing_id, 'meeting_id', NEW.id)),
      CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'pending', 0, 0
    FROM webhook_endpoints e
    WHERE e.program_id = (SELECT program_id FROM pairings WHERE id = NEW.pairing_id) AND e.disabled_at IS NULL AND e.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'meeting.cancelled')
      AND NEW.updated_at >= e.created_at
    ON CONFLICT (id) DO NOTHING;
END;
