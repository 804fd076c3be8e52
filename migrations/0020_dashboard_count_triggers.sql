-- Keeps stage_group_counts, goal_status_counts, pairing_held_counts and meeting_outcome_slots (schema.ts, migration
-- 0019) exact, as 0015 does for check-ins.
-- Written by hand: drizzle-kit does not generate triggers. Then the counts of the rows already there.
--
-- stage_group_counts: pairings by (program, current stage, furthest), where furthest is the highest position on the
-- funnel's main path (proposed 0, onboarding 1, active 2, wrapping_up 3, closed 4; FUNNEL_STAGES in
-- worker/domain/dashboard/funnel.ts) that any of the pairing's stage changes went from or to, -1 for none. A pairing
-- counts in one group: inserting it, changing its stage (or program) and deleting it move it; a new stage change moves it
-- from the furthest before that change (the others, by seq) to the one after. Stage changes are never deleted but with
-- their pairing (whose BEFORE DELETE takes it off first; by the time the cascade runs the pairing is gone).
--
-- goal_status_counts: pairing goals by (program of their pairing, status); a pairing's BEFORE DELETE takes its goals off
-- (the cascade to pairing_goals runs after the pairing row is gone, so their delete trigger changes nothing).
--
-- pairing_held_counts: one row per pairing (inserted with it, deleted with it by its foreign key) holding how many of its
-- outcomes are 'held'; inserting, deleting and updating an outcome adjust it.
--
-- meeting_outcome_slots: outcomes by (program of their pairing, slot = starts_at / 900000, outcome). Inserting, deleting
-- and updating an outcome adjust its slot. A pairing's BEFORE DELETE takes its outcomes off first: the cascade
-- (pairing -> meetings -> outcomes) runs after the pairing row is gone, so their own delete trigger finds no program
-- and changes nothing.
CREATE TRIGGER `stage_group_counts_pairing_insert` AFTER INSERT ON `pairings` BEGIN
  INSERT INTO stage_group_counts (program_id, stage, furthest, n)
    VALUES (NEW.program_id, NEW.stage, coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = NEW.id), -1), 1)
    ON CONFLICT (program_id, stage, furthest) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_group_counts_pairing_update` AFTER UPDATE OF stage, program_id ON `pairings` BEGIN
  UPDATE stage_group_counts SET n = n - 1
    WHERE program_id = OLD.program_id AND stage = OLD.stage AND furthest = coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = OLD.id), -1);
  INSERT INTO stage_group_counts (program_id, stage, furthest, n)
    VALUES (NEW.program_id, NEW.stage, coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = NEW.id), -1), 1)
    ON CONFLICT (program_id, stage, furthest) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_counts_pairing_delete` BEFORE DELETE ON `pairings` BEGIN
  UPDATE stage_group_counts SET n = n - 1
    WHERE program_id = OLD.program_id AND stage = OLD.stage AND furthest = coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = OLD.id), -1);
  UPDATE goal_status_counts SET n = n - (SELECT count(*) FROM pairing_goals g WHERE g.pairing_id = OLD.id AND g.status = goal_status_counts.status)
    WHERE program_id = OLD.program_id AND status IN (SELECT status FROM pairing_goals WHERE pairing_id = OLD.id);
  UPDATE meeting_outcome_slots SET n = n - (SELECT count(*) FROM meeting_outcomes o
      WHERE o.pairing_id = OLD.id AND o.outcome = meeting_outcome_slots.outcome AND o.starts_at / 900000 = meeting_outcome_slots.slot)
    WHERE program_id = OLD.program_id AND (slot, outcome) IN (SELECT starts_at / 900000, outcome FROM meeting_outcomes WHERE pairing_id = OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `pairing_held_counts_pairing_insert` AFTER INSERT ON `pairings` BEGIN
  INSERT INTO pairing_held_counts (pairing_id, program_id, held)
    VALUES (NEW.id, NEW.program_id, (SELECT count(*) FROM meeting_outcomes WHERE pairing_id = NEW.id AND outcome = 'held'));
END;
--> statement-breakpoint
CREATE TRIGGER `pairing_held_counts_pairing_update` AFTER UPDATE OF program_id ON `pairings` BEGIN
  UPDATE pairing_held_counts SET program_id = NEW.program_id WHERE pairing_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `goal_status_counts_insert` AFTER INSERT ON `pairing_goals` BEGIN
  INSERT INTO goal_status_counts (program_id, status, n)
    SELECT p.program_id, NEW.status, 1 FROM pairings p WHERE p.id = NEW.pairing_id
    ON CONFLICT (program_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `goal_status_counts_delete` AFTER DELETE ON `pairing_goals` BEGIN
  UPDATE goal_status_counts SET n = n - 1
    WHERE program_id = (SELECT program_id FROM pairings WHERE id = OLD.pairing_id) AND status = OLD.status;
END;
--> statement-breakpoint
CREATE TRIGGER `goal_status_counts_update` AFTER UPDATE OF status, pairing_id ON `pairing_goals` BEGIN
  UPDATE goal_status_counts SET n = n - 1
    WHERE program_id = (SELECT program_id FROM pairings WHERE id = OLD.pairing_id) AND status = OLD.status;
  INSERT INTO goal_status_counts (program_id, status, n)
    SELECT p.program_id, NEW.status, 1 FROM pairings p WHERE p.id = NEW.pairing_id
    ON CONFLICT (program_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_group_counts_change_insert` AFTER INSERT ON `pairing_stage_changes` BEGIN
  UPDATE stage_group_counts SET n = n - 1
    WHERE (program_id, stage) = (SELECT program_id, stage FROM pairings WHERE id = NEW.pairing_id) AND furthest = coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = NEW.pairing_id AND s.seq <> NEW.seq), -1);
  INSERT INTO stage_group_counts (program_id, stage, furthest, n)
    SELECT p.program_id, p.stage, coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = NEW.pairing_id), -1), 1
    FROM pairings p WHERE p.id = NEW.pairing_id
    ON CONFLICT (program_id, stage, furthest) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_outcome_slots_insert` AFTER INSERT ON `meeting_outcomes` BEGIN
  INSERT INTO meeting_outcome_slots (program_id, slot, outcome, n)
    SELECT p.program_id, NEW.starts_at / 900000, NEW.outcome, 1 FROM pairings p WHERE p.id = NEW.pairing_id
    ON CONFLICT (program_id, slot, outcome) DO UPDATE SET n = n + 1;
  UPDATE pairing_held_counts SET held = held + 1 WHERE pairing_id = NEW.pairing_id AND NEW.outcome = 'held';
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_outcome_slots_delete` AFTER DELETE ON `meeting_outcomes` BEGIN
  UPDATE pairing_held_counts SET held = held - 1 WHERE pairing_id = OLD.pairing_id AND OLD.outcome = 'held';
  UPDATE meeting_outcome_slots SET n = n - 1
    WHERE program_id = (SELECT program_id FROM pairings WHERE id = OLD.pairing_id) AND slot = OLD.starts_at / 900000 AND outcome = OLD.outcome;
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_outcome_slots_update` AFTER UPDATE OF pairing_id, outcome, starts_at ON `meeting_outcomes` BEGIN
  UPDATE pairing_held_counts SET held = held - 1 WHERE pairing_id = OLD.pairing_id AND OLD.outcome = 'held';
  UPDATE pairing_held_counts SET held = held + 1 WHERE pairing_id = NEW.pairing_id AND NEW.outcome = 'held';
  UPDATE meeting_outcome_slots SET n = n - 1
    WHERE program_id = (SELECT program_id FROM pairings WHERE id = OLD.pairing_id) AND slot = OLD.starts_at / 900000 AND outcome = OLD.outcome;
  INSERT INTO meeting_outcome_slots (program_id, slot, outcome, n)
    SELECT p.program_id, NEW.starts_at / 900000, NEW.outcome, 1 FROM pairings p WHERE p.id = NEW.pairing_id
    ON CONFLICT (program_id, slot, outcome) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
INSERT INTO stage_group_counts (program_id, stage, furthest, n)
  SELECT program_id, stage, furthest, count(*) FROM (
    SELECT p.program_id AS program_id, p.stage AS stage, coalesce((SELECT max(max(
      coalesce(CASE s.from_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1),
      coalesce(CASE s.to_stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 END, -1)))
      FROM pairing_stage_changes s WHERE s.pairing_id = p.id), -1) AS furthest FROM pairings p
  ) GROUP BY program_id, stage, furthest;
--> statement-breakpoint
INSERT INTO meeting_outcome_slots (program_id, slot, outcome, n)
  SELECT p.program_id, o.starts_at / 900000, o.outcome, count(*) FROM meeting_outcomes o JOIN pairings p ON p.id = o.pairing_id
  GROUP BY p.program_id, o.starts_at / 900000, o.outcome;
--> statement-breakpoint
INSERT INTO goal_status_counts (program_id, status, n)
  SELECT p.program_id, g.status, count(*) FROM pairing_goals g JOIN pairings p ON p.id = g.pairing_id GROUP BY p.program_id, g.status;
--> statement-breakpoint
INSERT INTO pairing_held_counts (pairing_id, program_id, held)
  SELECT p.id, p.program_id, (SELECT count(*) FROM meeting_outcomes o WHERE o.pairing_id = p.id AND o.outcome = 'held') FROM pairings p;
