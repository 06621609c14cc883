/** Services a typical allied-health practice offers; both emulators build their catalogues from it. */
export interface CatalogService {
  name: string;
  category: string;
  durationMinutes: number;
  telehealth: boolean;
  price: number;
  color: string;
  /** How often this service is booked, relative to the others. */
  weight: number;
}

export const SERVICES: readonly CatalogService[] = [
  {
    name: 'Initial Consultation',
    category: 'Consultations',
    durationMinutes: 60,
    telehealth: false,
    price: 140,
    color: '#2f7ed8',
    weight: 12,
  },
  {
    name: 'Standard Consultation',
    category: 'Consultations',
    durationMinutes: 30,
    telehealth: false,
    price: 95,
    color: '#0d233a',
    weight: 38,
  },
  {
    name: 'Follow-up Appointment',
    category: 'Consultations',
    durationMinutes: 30,
    telehealth: false,
    price: 85,
    color: '#8bbc21',
    weight: 20,
  },
  {
    name: 'Extended Consultation',
    category: 'Consultations',
    durationMinutes: 60,
    telehealth: false,
    price: 165,
    color: '#910000',
    weight: 5,
  },
  {
    name: 'Telehealth Consultation',
    category: 'Telehealth',
    durationMinutes: 30,
    telehealth: true,
    price: 90,
    color: '#1aadce',
    weight: 12,
  },
  { name: 'Telehealth Follow-up', category: 'Telehealth', durationMinutes: 20, telehealth: true, price: 70, color: '#492970', weight: 9 },
  { name: 'Brief Review', category: 'Reviews', durationMinutes: 15, telehealth: false, price: 50, color: '#f28f43', weight: 4 },
];

export const SERVICE_WEIGHTS: readonly (readonly [number, number])[] = SERVICES.map((service, index) => [index, service.weight]);

/** Why patients cancel, in Cliniko's reason vocabulary; IntakeQ reuses the labels as free text. */
export const CANCELLATION_REASONS: readonly { code: number; label: string; weight: number }[] = [
  { code: 10, label: 'Feeling Better', weight: 14 },
  { code: 20, label: 'Condition Worse', weight: 4 },
  { code: 30, label: 'Sick', weight: 30 },
  { code: 31, label: 'COVID-19 related', weight: 3 },
  { code: 40, label: 'Away', weight: 15 },
  { code: 50, label: 'Other', weight: 20 },
  { code: 60, label: 'Work', weight: 14 },
];

export const CANCELLATION_WEIGHTS: readonly (readonly [number, number])[] = CANCELLATION_REASONS.map((reason, index) => [
  index,
  reason.weight,
]);
