# Pester 5 tests for Get-EscFirmwareAudit in the BUILT module, run by Invoke-Pester.ps1 in a fresh pwsh.
BeforeAll {
    Import-Module $env:ESCFW_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Log = Join-Path ([IO.Path]::GetTempPath()) ("escfw-audit-" + [guid]::NewGuid().ToString('N') + '.jsonl')
    $records = @(
        @{ Time = '2026-11-21T01:00:00+00:00'; RunId = 'r1'; Operator = 'ops@host'; ComputerName = 'bmc17.lab'; Event = 'ServerFinished'; Status = 'Failed'; Message = 'BIOS flash failed' }
        @{ Time = '2026-11-21T02:00:00+00:00'; RunId = 'r1'; Operator = 'ops@host'; ComputerName = 'bmc18.lab'; Event = 'ServerFinished'; Status = 'Succeeded' }
        @{ Time = '2026-11-21T03:00:00+00:00'; RunId = 'r2'; Operator = 'ops@host'; ComputerName = 'gpu01'; Event = 'RunFinished'; Status = 'Succeeded' }
    )
    $records | ForEach-Object { $_ | ConvertTo-Json -Compress } | Set-Content -Path $script:Log -Encoding utf8
}

AfterAll {
    Remove-Item $script:Log -ErrorAction SilentlyContinue
    Remove-Module EscFirmware -ErrorAction SilentlyContinue
}

Describe 'Get-EscFirmwareAudit' {
    It 'reads every record as a typed object' {
        $all = Get-EscFirmwareAudit -AuditPath $script:Log
        $all | Should -HaveCount 3
        $all[0].GetType().FullName | Should -Be 'EscFirmware.Core.Audit.EscFirmwareAuditRecord'
        $all[0].Event.ToString() | Should -Be 'ServerFinished'
    }

    It 'filters by wildcard server name and status' {
        $failed = Get-EscFirmwareAudit -AuditPath $script:Log -ComputerName 'bmc*' -Status Failed
        $failed.ComputerName | Should -Be 'bmc17.lab'
    }

    It 'filters by time window and run' {
        (Get-EscFirmwareAudit -AuditPath $script:Log -After '2026-11-21T01:30:00Z' -RunId r1).ComputerName | Should -Be 'bmc18.lab'
    }

    It 'reports a missing log as a non-terminating error with a stable id' {
        $missing = Join-Path ([IO.Path]::GetTempPath()) 'no-such-escfw-audit.jsonl'
        Get-EscFirmwareAudit -AuditPath $missing -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'EscAuditLogNotFound,*'
    }
}
