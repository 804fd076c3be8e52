CREATE TABLE `scim_users` (
	`program_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`external_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`program_id`, `person_id`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scim_users_external_idx` ON `scim_users` (`program_id`,`external_id`);