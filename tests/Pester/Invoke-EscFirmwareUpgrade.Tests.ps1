# Pester 5 tests for Invoke-EscFirmwareUpgrade in the BUILT module, against simulated BMCs (escfw simulate).
BeforeAll {
    Import-Module $env:ESCFW_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("escfw-upgrade-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $env:ESCFW_STATE_DIR = Join-Path $script:Work 'state'

    $port = Get-Random -Minimum 20000 -Maximum 40000
    $cli = Join-Path $env:ESCFW_REPO_ROOT 'src/EscFirmware.Cli'
    $script:Simulator = Start-Process dotnet -ArgumentList @('run', '--no-build', '--project', $cli, '--', 'simulate', '--count', '2', '--base-port', $port, '--images', (Join-Path $script:Work 'images')) `
        -RedirectStandardOutput (Join-Path $script:Work 'simulate.out') -PassThru -NoNewWindow
    $deadline = (Get-Date).AddSeconds(60)
    do { Start-Sleep -Milliseconds 500; $text = Get-Content (Join-Path $script:Work 'simulate.out') -Raw -ErrorAction SilentlyContinue }
    until (($text -match 'Press Ctrl\+C') -or (Get-Date) -gt $deadline)
    $script:Bmcs = @([regex]::Matches($text, '127\.0\.0\.1:\d+') | ForEach-Object Value | Select-Object -Unique | Select-Object -First 2)
    $password = [regex]::Match($text, "password '([^']+)'").Groups[1].Value
    $script:Credential = [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force))
    $script:BmcImage = [regex]::Match($text, 'Sample images: BMC (.+?), BIOS (.+)').Groups[1].Value.Trim()
}

AfterAll {
    if ($script:Simulator -and -not $script:Simulator.HasExited) { Stop-Process -Id $script:Simulator.Id -Force }
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:ESCFW_STATE_DIR -ErrorAction SilentlyContinue
    Remove-Module EscFirmware -ErrorAction SilentlyContinue
}

Describe 'Invoke-EscFirmwareUpgrade' {
    It 'declares High confirm impact, WhatIf, and both output types' {
        $command = Get-Command Invoke-EscFirmwareUpgrade
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'CanaryCount'
        $command.Parameters.Keys | Should -Contain 'MaxFailures'
        $command.OutputType.Name | Should -Contain 'EscFirmware.Core.Upgrades.EscFirmwareUpgradeSummary'
        $command.OutputType.Name | Should -Contain 'EscFirmware.Core.Updates.EscFirmwareUpdateResult'
        $metadata = [System.Management.Automation.CommandMetadata]::new($command)
        $metadata.ConfirmImpact | Should -Be 'High'
    }

    It 'refuses a run without any image, naming the fix' {
        { Invoke-EscFirmwareUpgrade -ComputerName $script:Bmcs -Credential $script:Credential -SkipCertificateCheck -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'EscNoImageGiven*'
    }

    It 'plans with -WhatIf and writes no audit record' {
        $out = Invoke-EscFirmwareUpgrade -ComputerName $script:Bmcs -Credential $script:Credential -SkipCertificateCheck `
            -BmcImage $script:BmcImage -WhatIf
        $summaries = @($out | Where-Object { $_ -is [EscFirmware.Core.Upgrades.EscFirmwareUpgradeSummary] })
        $summaries | Should -HaveCount 2
        $summaries.Status | ForEach-Object { $_.ToString() } | Should -Be @('WhatIf', 'WhatIf')
        Test-Path (Join-Path $env:ESCFW_STATE_DIR 'audit.jsonl') | Should -BeFalse
    }
}
