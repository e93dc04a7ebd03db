namespace VideoPlatform.Tests.Infrastructure.Postgres;

/// <summary>The query keys the Orleans ADO.NET providers look up by exact, case-sensitive name.</summary>
internal static class OrleansQueryKeys
{
    public static readonly IReadOnlyList<string> Clustering =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    public static readonly IReadOnlyList<string> Persistence =
        ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    public static readonly IReadOnlyList<string> Reminders =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    public static readonly IReadOnlyList<string> Streaming =
    [
        "QueueStreamMessageKey", "GetStreamMessagesKey", "ConfirmStreamMessagesKey", "FailStreamMessageKey",
        "EvictStreamMessagesKey", "EvictStreamDeadLettersKey",
    ];

    public static IReadOnlyList<string> All { get; } = [.. Clustering, .. Persistence, .. Reminders, .. Streaming];
}
