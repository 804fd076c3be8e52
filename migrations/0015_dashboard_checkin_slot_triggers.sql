-- Keeps checkin_slots and checkin_answer_slots (schema.ts) exact: every insert, delete or move of a check-in, an answer
-- or a pairing member adjusts the counts of the slot the check-in opened in (slot = opens_at / 900000, 15 minutes).
-- "expected" is the sum over the slot's check-ins of their pairing's current member count, as the dashboards counted it
-- before. A check-in's answers are taken off in its BEFORE DELETE trigger: by the time a cascade deletes them the
-- check-in is gone, so their own delete trigger finds no slot and changes nothing. Written by hand: drizzle-kit does not
-- generate triggers. Then the counts of the check-ins already there.
CREATE TRIGGER `checkin_slots_insert` AFTER INSERT ON `checkins` BEGIN
  INSERT INTO checkin_slots (program_id, slot, checkins, expected)
    VALUES (NEW.program_id, NEW.opens_at / 900000, 1, (SELECT count(*) FROM pairing_members WHERE pairing_id = NEW.pairing_id))
    ON CONFLICT (program_id, slot) DO UPDATE SET checkins = checkins + 1, expected = expected + excluded.expected;
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_slots_delete` BEFORE DELETE ON `checkins` BEGIN
  UPDATE checkin_slots SET checkins = checkins - 1, expected = expected - (SELECT count(*) FROM pairing_members WHERE pairing_id = OLD.pairing_id)
    WHERE program_id = OLD.program_id AND slot = OLD.opens_at / 900000;
  UPDATE checkin_answer_slots SET n = n - (SELECT count(*) FROM checkin_answers a WHERE a.checkin_id = OLD.id AND a.answer = checkin_answer_slots.answer)
    WHERE program_id = OLD.program_id AND slot = OLD.opens_at / 900000;
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_slots_update` AFTER UPDATE OF program_id, pairing_id, opens_at ON `checkins` BEGIN
  UPDATE checkin_slots SET checkins = checkins - 1, expected = expected - (SELECT count(*) FROM pairing_members WHERE pairing_id = OLD.pairing_id)
    WHERE program_id = OLD.program_id AND slot = OLD.opens_at / 900000;
  INSERT INTO checkin_slots (program_id, slot, checkins, expected)
    VALUES (NEW.program_id, NEW.opens_at / 900000, 1, (SELECT count(*) FROM pairing_members WHERE pairing_id = NEW.pairing_id))
    ON CONFLICT (program_id, slot) DO UPDATE SET checkins = checkins + 1, expected = expected + excluded.expected;
  UPDATE checkin_answer_slots SET n = n - (SELECT count(*) FROM checkin_answers a WHERE a.checkin_id = OLD.id AND a.answer = checkin_answer_slots.answer)
    WHERE program_id = OLD.program_id AND slot = OLD.opens_at / 900000;
  INSERT INTO checkin_answer_slots (program_id, slot, answer, n)
    SELECT NEW.program_id, NEW.opens_at / 900000, answer, count(*) FROM checkin_answers WHERE checkin_id = NEW.id GROUP BY answer
    ON CONFLICT (program_id, slot, answer) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_answer_slots_insert` AFTER INSERT ON `checkin_answers` BEGIN
  INSERT INTO checkin_answer_slots (program_id, slot, answer, n)
    SELECT c.program_id, c.opens_at / 900000, NEW.answer, 1 FROM checkins c WHERE c.id = NEW.checkin_id
    ON CONFLICT (program_id, slot, answer) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_answer_slots_delete` AFTER DELETE ON `checkin_answers` BEGIN
  UPDATE checkin_answer_slots SET n = n - 1
    WHERE answer = OLD.answer AND (program_id, slot) = (SELECT program_id, opens_at / 900000 FROM checkins WHERE id = OLD.checkin_id);
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_answer_slots_update` AFTER UPDATE OF answer, checkin_id ON `checkin_answers` BEGIN
  UPDATE checkin_answer_slots SET n = n - 1
    WHERE answer = OLD.answer AND (program_id, slot) = (SELECT program_id, opens_at / 900000 FROM checkins WHERE id = OLD.checkin_id);
  INSERT INTO checkin_answer_slots (program_id, slot, answer, n)
    SELECT c.program_id, c.opens_at / 900000, NEW.answer, 1 FROM checkins c WHERE c.id = NEW.checkin_id
    ON CONFLICT (program_id, slot, answer) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_slots_member_insert` AFTER INSERT ON `pairing_members` BEGIN
  UPDATE checkin_slots SET expected = expected + (SELECT count(*) FROM checkins c WHERE c.pairing_id = NEW.pairing_id AND c.program_id = checkin_slots.program_id AND c.opens_at / 900000 = checkin_slots.slot)
    WHERE (program_id, slot) IN (SELECT program_id, opens_at / 900000 FROM checkins WHERE pairing_id = NEW.pairing_id);
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_slots_member_delete` AFTER DELETE ON `pairing_members` BEGIN
  UPDATE checkin_slots SET expected = expected - (SELECT count(*) FROM checkins c WHERE c.pairing_id = OLD.pairing_id AND c.program_id = checkin_slots.program_id AND c.opens_at / 900000 = checkin_slots.slot)
    WHERE (program_id, slot) IN (SELECT program_id, opens_at / 900000 FROM checkins WHERE pairing_id = OLD.pairing_id);
END;
--> statement-breakpoint
CREATE TRIGGER `checkin_slots_member_update` AFTER UPDATE OF pairing_id ON `pairing_members` BEGIN
  UPDATE checkin_slots SET expected = expected - (SELECT count(*) FROM checkins c WHERE c.pairing_id = OLD.pairing_id AND c.program_id = checkin_slots.program_id AND c.opens_at / 900000 = checkin_slots.slot)
    WHERE (program_id, slot) IN (SELECT program_id, opens_at / 900000 FROM checkins WHERE pairing_id = OLD.pairing_id);
  UPDATE checkin_slots SET expected = expected + (SELECT count(*) FROM checkins c WHERE c.pairing_id = NEW.pairing_id AND c.program_id = checkin_slots.program_id AND c.opens_at / 900000 = checkin_slots.slot)
    WHERE (program_id, slot) IN (SELECT program_id, opens_at / 900000 FROM checkins WHERE pairing_id = NEW.pairing_id);
END;
--> statement-breakpoint
INSERT INTO checkin_slots (program_id, slot, checkins, expected)
  SELECT c.program_id, c.opens_at / 900000, count(*), sum((SELECT count(*) FROM pairing_members m WHERE m.pairing_id = c.pairing_id))
  FROM checkins c GROUP BY c.program_id, c.opens_at / 900000;
--> statement-breakpoint
INSERT INTO checkin_answer_slots (program_id, slot, answer, n)
  SELECT c.program_id, c.opens_at / 900000, a.answer, count(*)
  FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id GROUP BY c.program_id, c.opens_at / 900000, a.answer;
