ALTER TABLE `memberships` ADD `invited_at` integer;--> statement-breakpoint
UPDATE `memberships` SET `invited_at` = (SELECT max(`created_at`) FROM `invitations` WHERE `invitations`.`program_id` = `memberships`.`program_id` AND `invitations`.`person_id` = `memberships`.`person_id` AND `invitations`.`role` = `memberships`.`role`);
