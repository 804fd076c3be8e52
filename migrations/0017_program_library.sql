CREATE TABLE `library_items` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`body` text DEFAULT '' NOT NULL,
	`milestone` text NOT NULL,
	`tags` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_items_program_idx` ON `library_items` (`program_id`,`milestone`);--> statement-breakpoint
CREATE TABLE `library_opens` (
	`item_id` text NOT NULL,
	`pairing_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `pairing_id`),
	FOREIGN KEY (`item_id`) REFERENCES `library_items`(`id`) ON UPDATE no action ON DELETE cascade
);
