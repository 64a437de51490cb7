import { Request, Response } from 'express';
import { Pool } from 'pg';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { Reservation } from '../domain/reservation';
import { findReservation } from '../db/find-reservation';

/** GET /reservations/:orderId: what inventory decided about one order, with its lines. */
export function getReservationRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const orderId = String(req.params.orderId);
    const reservation = await findReservation(pool, orderId);
    if (!reservation) {
      throw new HttpProblemError(404, 'reservation-not-found', 'Reservation not found',
        `no reservation for order ${JSON.stringify(orderId)}`);
    }
    res.json(reservationView(reservation));
  };
}

function reservationView(reservation: Reservation) {
  return {
    orderId: reservation.orderId,
    customerId: reservation.customerId,
    status: reservation.status,
    amountCents: reservation.amountCents,
    lines: reservation.lines,
    createdAt: reservation.createdAt.toISOString(),
    updatedAt: reservation.updatedAt.toISOString(),
  };
}
