-- 004: indexes behind the duty board, complaint handling, follow-ups and
-- study records (duty.go, complaint_handling.go, study.go).

-- The complaint queue reads open complaints by due day (ComplaintQueue).
CREATE INDEX complaints_queue ON complaints (status, due_day, id);

-- Bad ratings waiting for their follow-up (RatingsNeedingFollowUp): a
-- partial index holds only those, however many ratings there are.
CREATE INDEX ratings_follow_up ON ratings (at, id) WHERE level <= 2 AND follow_up = '';

-- A person's record: accountability entries and study attendance by staff.
CREATE INDEX accountability_staff ON accountability (staff_id, at);
CREATE INDEX study_attendance_staff ON study_attendance (staff_id, session_id);
CREATE INDEX study_sessions_day ON study_sessions (day);
