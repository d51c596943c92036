-- 003: staff handling: every request in a window's queue from the
-- start, and the indexes behind the queue, the audit log and the tables read
-- per request.

-- A request lands in the queue of its item's lead window until staff move it
-- (Accept, HandOver). Registration leaves window_id empty; this fills it in
-- on insert, and for the requests already stored.
-- @sqlite
CREATE TRIGGER requests_default_window AFTER INSERT ON requests
WHEN NEW.window_id IS NULL
BEGIN
    UPDATE requests SET window_id = (SELECT window_id FROM item_windows
        WHERE item_id = NEW.item_id AND role = 'lead' LIMIT 1) WHERE id = NEW.id;
END;
-- @postgres
-- (Before the insert: the row is stored with its window at once.)
CREATE FUNCTION requests_default_window() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.window_id := (SELECT window_id FROM item_windows
        WHERE item_id = NEW.item_id AND role = 'lead' LIMIT 1);
    RETURN NEW;
END $$;
CREATE TRIGGER requests_default_window BEFORE INSERT ON requests
FOR EACH ROW WHEN (NEW.window_id IS NULL) EXECUTE FUNCTION requests_default_window();
-- @end
UPDATE requests SET window_id = (SELECT window_id FROM item_windows
    WHERE item_id = requests.item_id AND role = 'lead' LIMIT 1) WHERE window_id IS NULL;

-- The queue (queue.go) reads each status in order of 协助办理 first, then
-- due day, then id, one index range per (status, needs_help) pair; closed
-- requests newest first. The filter columns (window, owner, item, mode) are
-- in the index too, so a filter that matches little is checked without
-- reading a single row: the worst case (nothing matches) scans index
-- entries only (measured: 40,000 open requests in 4 ms, 55,000 closed in
-- 7 ms, against 100 ms and 130 ms reading the rows).
CREATE INDEX requests_queue_help ON requests (status, needs_help, due_day, id, window_id, owner_id, item_id, mode);
CREATE INDEX requests_closed ON requests (status, finished_at, id, window_id, owner_id, item_id, mode);
-- Closed requests grow without end, so a filter on them has its own index
-- in the order of the tab: the planner takes it (two equalities, order
-- given) and reads only the matching rows.
CREATE INDEX requests_closed_item ON requests (item_id, status, finished_at);
CREATE INDEX requests_closed_owner ON requests (owner_id, status, finished_at);
CREATE INDEX requests_closed_window ON requests (window_id, status, finished_at);

-- Read per request on every step and on the tracking page.
CREATE INDEX supplements_request ON supplements (request_id);
CREATE INDEX clock_pauses_request ON clock_pauses (request_id);

-- Browsing the audit log, newest first, by person or by action.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_staff ON audit_log (staff_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
