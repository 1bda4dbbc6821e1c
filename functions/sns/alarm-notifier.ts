import { createAlarmNotifier } from "@megawatts/runtime/alarm-notifier";
import { createLogger, toCoreLogger } from "@megawatts/runtime/observability";
import { alarmNotifierResources } from "../linked/alarms.ts";

/** Alarm topic → one Discord message per alarm state change, through the AlarmWebhookUrl webhook. */
export const handler = createAlarmNotifier({
  ...alarmNotifierResources(),
  logger: toCoreLogger(createLogger("alarms")),
});
