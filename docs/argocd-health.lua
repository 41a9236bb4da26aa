-- Argo CD health check for cc-backend.dev/CcBackendUpgrade.
-- Install: argocd-cm key resource.customizations.health.cc-backend.dev_CcBackendUpgrade
-- (see docs/readme-packaging.md). It reads only what kstatus reads too:
--   metadata.generation, status.observedGeneration,
--   status.conditions[type=Ready|Failed] (status, reason, message, observedGeneration),
--   status.phase, status.currentStep, status.message, spec.paused.
local hs = {}

local function condition(status, kind)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

local generation = obj.metadata.generation
local status = obj.status

if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the upgrade"
  return hs
end

-- A status written for an older spec says nothing about the current one.
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local ready = condition(status, "Ready")
local failed = condition(status, "Failed")
local current = function(c)
  return c ~= nil and (c.observedGeneration == nil or generation == nil or c.observedGeneration >= generation)
end

if current(failed) and failed.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(failed, status.message or "Upgrade failed")
  return hs
end

if status.phase == "Failed" or status.phase == "RolledBack" then
  hs.status = "Degraded"
  hs.message = status.message or ("Upgrade " .. status.phase)
  return hs
end

-- Ready=True is the answer; a status without a Ready condition falls back to the phase.
if (current(ready) and ready.status == "True") or (ready == nil and status.phase == "Succeeded") then
  hs.status = "Healthy"
  hs.message = describe(ready, status.message or "cc-backend is at the requested version")
  return hs
end

-- Waiting for a person to approve the plan (approval: Manual), or for the maintenance window, with
-- cc-backend untouched: like a paused rollout.
local message = status.message or ""
if status.phase == "AwaitingApproval"
    or (status.phase == "Quiescing" and string.sub(message, 1, 34) == "waiting for the maintenance window") then
  hs.status = "Suspended"
  hs.message = status.message or "Waiting for spec.approvedPlan"
  return hs
end

if obj.spec ~= nil and obj.spec.paused == true then
  hs.status = "Suspended"
  hs.message = "Paused" .. (status.currentStep and (" before " .. status.currentStep) or "")
  return hs
end

hs.status = "Progressing"
hs.message = status.message or status.currentStep or status.phase or "Upgrading"
return hs
