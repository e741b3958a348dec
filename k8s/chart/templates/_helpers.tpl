{{- define "battle.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "battle.labels" -}}
app.kubernetes.io/name: battle-royale
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The battle command line: the values' command and args, then the Kafka and gateway wiring. */}}
{{- define "battle.args" -}}
{{- $args := list .Values.job.command -}}
{{- $args = concat $args .Values.job.args -}}
{{- if .Values.kafka.enabled -}}
{{- $args = concat $args (list "--kafka" .Values.kafka.bootstrap "--kafka-group" .Values.kafka.group "--kafka-properties" "/etc/battle/kafka/client.properties" "--kafka-transactional-id-prefix" (printf "battle-%s-%s" .Release.Namespace .Release.Name)) -}}
{{- if .Values.kafka.side -}}{{- $args = append $args .Values.kafka.side -}}{{- end -}}
{{- if .Values.kafka.topics -}}{{- $args = concat $args (list "--kafka-topics" .Values.kafka.topics) -}}{{- end -}}
{{- end -}}
{{- if .Values.gateway.enabled -}}
{{- $args = concat $args (list "--gateway-url" (printf "http://%s-gateway:%d" (include "battle.name" .) (int .Values.gateway.port))) -}}
{{- end -}}
{{- toJson $args -}}
{{- end -}}
