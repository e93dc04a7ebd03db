-- Orleans ADO.NET streams (Microsoft.Orleans.Streaming.AdoNet 10.4.2-alpha.1): a durable queue per
-- (service, provider, queue). The C# unboxes results directly, so MessageId must be bigint and Dequeued
-- integer. All times are computed here from now(); timestamptz keeps them UTC whatever the session TimeZone.
CREATE SEQUENCE IF NOT EXISTS OrleansStreamMessageSequence AS bigint START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE IF NOT EXISTS OrleansStreamMessage (
    ServiceId varchar(150) NOT NULL,
    ProviderId varchar(150) NOT NULL,
    QueueId varchar(150) NOT NULL,
    MessageId bigint NOT NULL,
    Dequeued integer NOT NULL,
    VisibleOn timestamptz(6) NOT NULL,
    ExpiresOn timestamptz(6) NOT NULL,
    CreatedOn timestamptz(6) NOT NULL,
    ModifiedOn timestamptz(6) NOT NULL,
    Payload bytea NOT NULL,
    CONSTRAINT PK_OrleansStreamMessage PRIMARY KEY (ServiceId, ProviderId, QueueId, MessageId)
);

CREATE TABLE IF NOT EXISTS OrleansStreamDeadLetter (
    ServiceId varchar(150) NOT NULL,
    ProviderId varchar(150) NOT NULL,
    QueueId varchar(150) NOT NULL,
    MessageId bigint NOT NULL,
    Dequeued integer NOT NULL,
    VisibleOn timestamptz(6) NOT NULL,
    ExpiresOn timestamptz(6) NOT NULL,
    CreatedOn timestamptz(6) NOT NULL,
    ModifiedOn timestamptz(6) NOT NULL,
    DeadOn timestamptz(6) NOT NULL,
    RemoveOn timestamptz(6) NOT NULL,
    Payload bytea NULL,
    CONSTRAINT PK_OrleansStreamDeadLetter PRIMARY KEY (ServiceId, ProviderId, QueueId, MessageId)
);

-- One row per queue: the earliest time the next eviction pass may run.
CREATE TABLE IF NOT EXISTS OrleansStreamControl (
    ServiceId varchar(150) NOT NULL,
    ProviderId varchar(150) NOT NULL,
    QueueId varchar(150) NOT NULL,
    EvictOn timestamptz(6) NOT NULL,
    CONSTRAINT PK_OrleansStreamControl PRIMARY KEY (ServiceId, ProviderId, QueueId)
);

-- Moves messages that can no longer be delivered (attempts used up, or expired) to the dead letters.
CREATE OR REPLACE FUNCTION orleans_stream_evict_messages(
    p_service_id text, p_provider_id text, p_queue_id text,
    p_batch_size integer, p_max_attempts integer, p_removal_timeout integer)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    v_now timestamptz := clock_timestamp();
    v_count integer;
BEGIN
    WITH victims AS (
        SELECT m.MessageId
          FROM OrleansStreamMessage m
         WHERE m.ServiceId = p_service_id AND m.ProviderId = p_provider_id AND m.QueueId = p_queue_id
           AND m.VisibleOn <= v_now AND (m.Dequeued >= p_max_attempts OR m.ExpiresOn <= v_now)
         ORDER BY m.MessageId
         LIMIT p_batch_size
           FOR UPDATE SKIP LOCKED
    ), moved AS (
        DELETE FROM OrleansStreamMessage m
         USING victims v
         WHERE m.ServiceId = p_service_id AND m.ProviderId = p_provider_id AND m.QueueId = p_queue_id
           AND m.MessageId = v.MessageId
        RETURNING m.*
    )
    INSERT INTO OrleansStreamDeadLetter (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn,
                                         ExpiresOn, CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
    SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn,
           v_now, v_now + make_interval(secs => p_removal_timeout), Payload
      FROM moved
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$fn$;

CREATE OR REPLACE FUNCTION orleans_stream_evict_dead_letters(
    p_service_id text, p_provider_id text, p_queue_id text, p_batch_size integer)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    v_count integer;
BEGIN
    DELETE FROM OrleansStreamDeadLetter d
     WHERE d.ServiceId = p_service_id AND d.ProviderId = p_provider_id AND d.QueueId = p_queue_id
       AND d.MessageId IN (
           SELECT x.MessageId
             FROM OrleansStreamDeadLetter x
            WHERE x.ServiceId = p_service_id AND x.ProviderId = p_provider_id AND x.QueueId = p_queue_id
              AND x.RemoveOn <= clock_timestamp()
            ORDER BY x.MessageId
            LIMIT p_batch_size
              FOR UPDATE SKIP LOCKED);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$fn$;

-- Dequeue: first, at most once per eviction interval per queue (only the caller that moves EvictOn
-- forward), evict; then lease up to p_max_count visible messages in MessageId order.
CREATE OR REPLACE FUNCTION orleans_stream_dequeue(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer,
    p_visibility_timeout integer, p_removal_timeout integer, p_eviction_interval integer,
    p_eviction_batch_size integer)
RETURNS SETOF OrleansStreamMessage
LANGUAGE plpgsql AS $fn$
DECLARE
    v_now timestamptz := clock_timestamp();
BEGIN
    INSERT INTO OrleansStreamControl (ServiceId, ProviderId, QueueId, EvictOn)
    VALUES (p_service_id, p_provider_id, p_queue_id, v_now)
    ON CONFLICT DO NOTHING;

    UPDATE OrleansStreamControl c
       SET EvictOn = v_now + make_interval(secs => p_eviction_interval)
     WHERE c.ServiceId = p_service_id AND c.ProviderId = p_provider_id AND c.QueueId = p_queue_id
       AND c.EvictOn <= v_now;
    IF FOUND THEN
        PERFORM orleans_stream_evict_messages(p_service_id, p_provider_id, p_queue_id,
                                              p_eviction_batch_size, p_max_attempts, p_removal_timeout);
        PERFORM orleans_stream_evict_dead_letters(p_service_id, p_provider_id, p_queue_id, p_eviction_batch_size);
    END IF;

    RETURN QUERY
    WITH leased AS (
        SELECT m.MessageId
          FROM OrleansStreamMessage m
         WHERE m.ServiceId = p_service_id AND m.ProviderId = p_provider_id AND m.QueueId = p_queue_id
           AND m.Dequeued < p_max_attempts AND m.VisibleOn <= v_now AND m.ExpiresOn > v_now
         ORDER BY m.MessageId
         LIMIT p_max_count
           FOR UPDATE
    )
    UPDATE OrleansStreamMessage m
       SET Dequeued = m.Dequeued + 1,
           VisibleOn = v_now + make_interval(secs => p_visibility_timeout),
           ModifiedOn = v_now
      FROM leased l
     WHERE m.ServiceId = p_service_id AND m.ProviderId = p_provider_id AND m.QueueId = p_queue_id
       AND m.MessageId = l.MessageId
    RETURNING m.*;
END
$fn$;

-- A failed delivery is retried (made visible now) until its attempts are used up, then dead-lettered.
CREATE OR REPLACE FUNCTION orleans_stream_fail(
    p_service_id text, p_provider_id text, p_queue_id text, p_message_id bigint,
    p_max_attempts integer, p_removal_timeout integer)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    v_now timestamptz := clock_timestamp();
BEGIN
    UPDATE OrleansStreamMessage m
       SET VisibleOn = v_now, ModifiedOn = v_now
     WHERE m.ServiceId = p_service_id AND m.ProviderId = p_provider_id AND m.QueueId = p_queue_id
       AND m.MessageId = p_message_id AND m.Dequeued < p_max_attempts;
    IF FOUND THEN
        RETURN 1;
    END IF;

    WITH moved AS (
        DELETE FROM OrleansStreamMessage m
         WHERE m.ServiceId = p_service_id AND m.ProviderId = p_provider_id AND m.QueueId = p_queue_id
           AND m.MessageId = p_message_id
        RETURNING m.*
    )
    INSERT INTO OrleansStreamDeadLetter (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn,
                                         ExpiresOn, CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
    SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn,
           v_now, v_now + make_interval(secs => p_removal_timeout), Payload
      FROM moved
    ON CONFLICT DO NOTHING;
    RETURN 0;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('QueueStreamMessageKey', $q$
INSERT INTO OrleansStreamMessage (ServiceId, ProviderId, QueueId, MessageId, Dequeued,
                                  VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload)
VALUES (@ServiceId, @ProviderId, @QueueId, nextval('OrleansStreamMessageSequence'), 0,
        now(), now() + make_interval(secs => @ExpiryTimeout),
        now(), now(), @Payload)
RETURNING ServiceId, ProviderId, QueueId, MessageId
$q$),
('GetStreamMessagesKey', $q$
SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload
  FROM orleans_stream_dequeue(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @VisibilityTimeout,
                              @RemovalTimeout, @EvictionInterval, @EvictionBatchSize)
$q$),
-- Items lists id:dequeued pairs separated by a bar, as handed out by the dequeue. A positive dequeued count confirms (deletes)
-- the message only if it was not re-leased since; a negative one (receiver shutdown) releases it now.
('ConfirmStreamMessagesKey', $q$
WITH items AS (
    SELECT split_part(item, ':', 1)::bigint AS MessageId, split_part(item, ':', 2)::integer AS Dequeued
      FROM unnest(string_to_array(@Items, '|')) AS item
     WHERE item <> ''
), confirmed AS (
    DELETE FROM OrleansStreamMessage m
     USING items i
     WHERE m.ServiceId = @ServiceId AND m.ProviderId = @ProviderId AND m.QueueId = @QueueId
       AND m.MessageId = i.MessageId AND i.Dequeued > 0 AND m.Dequeued = i.Dequeued
    RETURNING m.ServiceId, m.ProviderId, m.QueueId, m.MessageId
), released AS (
    UPDATE OrleansStreamMessage m
       SET VisibleOn = now(), ModifiedOn = now()
      FROM items i
     WHERE m.ServiceId = @ServiceId AND m.ProviderId = @ProviderId AND m.QueueId = @QueueId
       AND m.MessageId = i.MessageId AND i.Dequeued < 0 AND m.Dequeued = -i.Dequeued
    RETURNING m.ServiceId, m.ProviderId, m.QueueId, m.MessageId
)
SELECT ServiceId, ProviderId, QueueId, MessageId FROM confirmed
UNION ALL
SELECT ServiceId, ProviderId, QueueId, MessageId FROM released
$q$),
('FailStreamMessageKey', $q$
SELECT orleans_stream_fail(@ServiceId, @ProviderId, @QueueId, @MessageId, @MaxAttempts, @RemovalTimeout)
$q$),
('EvictStreamMessagesKey', $q$
SELECT orleans_stream_evict_messages(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @RemovalTimeout)
$q$),
('EvictStreamDeadLettersKey', $q$
SELECT orleans_stream_evict_dead_letters(@ServiceId, @ProviderId, @QueueId, @MaxCount)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
