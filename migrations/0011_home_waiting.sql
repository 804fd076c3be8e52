ALTER TABLE `meetings` ADD `awaiting` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `pairing_members` ADD `agreement_signed_version` integer DEFAULT 0 NOT NULL;