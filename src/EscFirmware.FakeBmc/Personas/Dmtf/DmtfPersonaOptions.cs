using System;
using System.Collections.Generic;

namespace EscFirmware.FakeBmc;

/// <summary>How a generic DMTF service logs in (spec redfish-update 1).</summary>
public enum DmtfSessionLogin
{
    /// <summary><c>POST Sessions</c> → 201, <c>X-Auth-Token</c> and <c>Location</c>.</summary>
    Standard,
    /// <summary>The same POST → 204 with token and Location.</summary>
    NoContent,
    /// <summary>The POST reads the credentials only from an HTTP Basic header → 200 with a token and no Location.</summary>
    BasicOnSessionPost,
    /// <summary>No SessionService at all (404): HTTP Basic on every request.</summary>
    Absent,
}

/// <summary>What a generic DMTF service answers after an image was pushed (spec redfish-update 4).</summary>
public enum DmtfTaskShape
{
    /// <summary>202 + <c>Location: …/TaskMonitors/N</c>: the monitor answers 202 while running, 204 once, then 404 (bmcweb).</summary>
    TaskMonitor,
    /// <summary>202 + <c>Location: …/Tasks/N</c>; the Task always answers 200, only <c>TaskState</c> says when it ends.</summary>
    TaskAlways200,
    /// <summary>204 with no body and no Location: no task to follow, only the inventory shows the result.</summary>
    NoContentNoLocation,
}

/// <summary>The generic DMTF persona's shape and faults. Defaults: bmcweb-like (session 201, TaskMonitor, 30 MiB limit).</summary>
public sealed record DmtfPersonaOptions
{
    public DmtfSessionLogin SessionLogin { get; init; } = DmtfSessionLogin.Standard;
    /// <summary>An anonymous <c>GET /redfish/v1</c> gets this status (400 or 401 on some services); 200 when 0.</summary>
    public int AnonymousServiceRootStatus { get; init; }
    /// <summary><c>/redfish/v1</c> answers 308 to <c>/redfish/v1/</c>, where the root is served.</summary>
    public bool RedirectServiceRoot { get; init; }
    /// <summary>Offer <c>MultipartHttpPushUri</c>.</summary>
    public bool OfferMultipartPush { get; init; } = true;
    /// <summary>Offer the older <c>HttpPushUri</c> (octet-stream).</summary>
    public bool OfferHttpPush { get; init; } = true;
    /// <summary><c>HttpPushUriOptionsBusy</c>: another client holds the push settings; pushes answer 503.</summary>
    public bool HttpPushBusy { get; init; }
    public DmtfTaskShape TaskShape { get; init; } = DmtfTaskShape.TaskMonitor;
    /// <summary>The body's <c>TaskMonitor</c> differs from Location and leads nowhere (404).</summary>
    public bool BrokenBodyTaskMonitor { get; init; }
    /// <summary>The task first reports this non-standard TaskState (e.g. "Scheduled") before Running; null for none.</summary>
    public string? NonStandardTaskState { get; init; }
    /// <summary>The apply times the service allows (<c>@Redfish.AllowableValues</c>); bmcweb: Immediate, OnReset.</summary>
    public IReadOnlyList<string> ApplyTimes { get; init; } = ["Immediate", "OnReset"];
    /// <summary><c>MaxImageSizeBytes</c>; a larger body gets 413 (bmcweb default 30 MiB).</summary>
    public long MaxImageSizeBytes { get; init; } = 30 * 1024 * 1024;
    /// <summary>A task ends in Exception instead of Completed (the image is refused after the upload).</summary>
    public bool TaskException { get; init; }
    /// <summary>Every push is refused with 400 before the body is read.</summary>
    public bool UploadRefused { get; init; }
    /// <summary>Sessions end this long after they were made (a session expiring mid-update); null = never.</summary>
    public TimeSpan? SessionLifetime { get; init; }
    /// <summary><c>Members@odata.count</c> of the firmware inventory is off by this much (one DMTF mockup says 2 for 3).</summary>
    public int InventoryCountSkew { get; init; } = -1;
}
