-- Issue 25: when an account is deleted its audit entries are anonymised in place: who, about whom, from where and the
-- details are cleared, what happened and when are kept. That is the one rewrite the trigger allows (each column
-- either unchanged or cleared, action/outcome/time untouched); every other UPDATE, any DELETE and TRUNCATE are still
-- refused, whatever role the app runs as.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
       AND NEW.action = OLD.action AND NEW.outcome = OLD.outcome
       AND (NEW.user_id IS NOT DISTINCT FROM OLD.user_id OR NEW.user_id IS NULL)
       AND (NEW.subject IS NOT DISTINCT FROM OLD.subject OR NEW.subject IS NULL)
       AND (NEW.ip = OLD.ip OR NEW.ip = '')
       AND (NEW.user_agent = OLD.user_agent OR NEW.user_agent = '')
       AND (NEW.details = OLD.details OR NEW.details = '{}'::jsonb) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
