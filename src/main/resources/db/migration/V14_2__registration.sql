-- Registering (contract, "Registering"): a resident's first sign-in creates a CITIZEN with the
-- household-representative flag and the time they consented to the processing of their personal
-- information (个人信息保护法 art. 13-14: consent, recorded). Persons imported from a people file
-- have no registration time: they cannot register again.
ALTER TABLE person ADD COLUMN household_representative boolean NOT NULL DEFAULT false;
ALTER TABLE person ADD COLUMN consent_at timestamptz;
ALTER TABLE person ADD COLUMN registered_at timestamptz;
ALTER TABLE person ADD CONSTRAINT person_registered_with_consent
    CHECK (registered_at IS NULL OR consent_at IS NOT NULL);
