// The API emulators: local, faithful stand-ins for Cliniko and IntakeQ, written from the specs in
// /work/shared/specs and sharing nothing with the connectors.
export { startClinikoEmulator } from './cliniko/start';
export { startIntakeqEmulator } from './intakeq/start';
export type { ClinikoControl } from './cliniko/control';
export type { IntakeqControl } from './intakeq/control';
export type * from './cliniko/api-types';
export type * from './intakeq/api-types';
export type { PatientFields as ClinikoPatientFields, PhoneNumber as ClinikoPhoneNumberInput } from './cliniko/model';
export type { AppointmentInput as ClinikoAppointmentInput } from './cliniko/mutations';
export type { AppointmentStatus as IntakeqAppointmentStatus, ClientFields as IntakeqClientFields } from './intakeq/model';
export type { NewAppointment as IntakeqNewAppointment } from './intakeq/mutations';
export type { EmulatorOptions, EmulatorStats, FaultOptions, RunningEmulator } from './shared/types';
export { MAX_PATIENTS, MIN_PATIENTS } from './shared/options';
export { runEmulatorCommand, type EmulatorKind } from './cli';
